package dev.promptops.core.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import dev.promptops.core.webhook.WebhookDelivery;
import dev.promptops.core.webhook.WebhookSubscription;
import java.time.Instant;

/**
 * The JSON of webhook subscriptions and deliveries (docs/webhooks.md), beside {@link Wire}: never a
 * subscription's secret, which only the create and rotate answers carry, once.
 */
public final class WebhookWire {
  private WebhookWire() {}

  public static ObjectNode subscription(WebhookSubscription s) {
    ObjectNode n = Json.object();
    n.put("id", s.id());
    n.put("project", s.project());
    n.put("url", s.url());
    n.set("events", Wire.strings(s.events()));
    n.put("enabled", s.enabled());
    n.put("secretKeyId", s.secret().keyId());
    n.put("createdAt", s.createdAt().toString());
    n.put("createdBy", s.createdBy());
    n.put("updatedAt", s.updatedAt().toString());
    n.put("updatedBy", s.updatedBy());
    return n;
  }

  /** A delivery; with {@code withBody} also the body exactly as sent. */
  public static ObjectNode delivery(WebhookDelivery d, boolean withBody) {
    ObjectNode n = Json.object();
    n.put("id", d.id());
    n.put("webhook", d.subscriptionId());
    n.put("event", d.event());
    n.put("auditSeq", d.auditSeq());
    n.put("status", d.status().wireName());
    n.put("attempts", d.attempts());
    n.put("nextAttemptAt", text(d.nextAttemptAt()));
    n.put("lastStatusCode", d.lastStatusCode());
    n.put("lastError", d.lastError());
    n.put("createdAt", text(d.createdAt()));
    n.put("lastAttemptAt", text(d.lastAttemptAt()));
    n.put("deliveredAt", text(d.deliveredAt()));
    if (withBody) {
      n.set("payload", Json.parseTrusted(d.body()));
    }
    return n;
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
