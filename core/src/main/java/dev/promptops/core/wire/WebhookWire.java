package dev.promptops.core.wire;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import dev.promptops.core.webhook.DeliveryStatus;
import dev.promptops.core.webhook.WebhookDelivery;
import dev.promptops.core.webhook.WebhookInfo;
import java.time.Instant;
import java.util.List;

/**
 * The JSON of webhook subscriptions and deliveries (docs/webhooks.md), beside {@link Wire}: never a
 * subscription's secret, which only the create and rotate answers carry, once.
 */
public final class WebhookWire {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private WebhookWire() {}

  public static ObjectNode webhook(WebhookInfo s) {
    ObjectNode n = Json.object();
    n.put("id", s.id());
    n.put("project", s.project());
    n.put("url", s.url());
    n.set("events", Wire.strings(s.events()));
    n.put("enabled", s.enabled());
    n.put("secretKeyId", s.secretKeyId());
    n.put("previousSecretUntil", text(s.previousSecretUntil()));
    n.put("createdAt", s.createdAt().toString());
    n.put("createdBy", s.createdBy());
    n.put("updatedAt", s.updatedAt().toString());
    n.put("updatedBy", s.updatedBy());
    return n;
  }

  public static WebhookInfo webhook(JsonNode n) {
    return new WebhookInfo(
        n.path("id").asText(),
        n.path("project").asText(),
        n.path("url").asText(),
        Json.mapper().convertValue(n.path("events"), STRINGS),
        n.path("enabled").asBoolean(),
        n.path("secretKeyId").asText(null),
        instant(n, "previousSecretUntil"),
        instant(n, "createdAt"),
        n.path("createdBy").asText(null),
        instant(n, "updatedAt"),
        n.path("updatedBy").asText(null));
  }

  /** A delivery; with {@code withBody} also the body exactly as sent. */
  public static ObjectNode delivery(WebhookDelivery d, boolean withBody) {
    ObjectNode n = Json.object();
    n.put("id", d.id());
    n.put("webhook", d.subscriptionId());
    n.put("project", d.project());
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

  /** A delivery as answered; its body is the {@code payload} when the answer has one, else "". */
  public static WebhookDelivery delivery(JsonNode n) {
    JsonNode payload = n.get("payload");
    return new WebhookDelivery(
        n.path("id").asText(),
        n.path("webhook").asText(),
        n.path("project").asText(""),
        n.path("event").asText(),
        n.path("auditSeq").isIntegralNumber() ? n.get("auditSeq").asLong() : null,
        payload == null || payload.isNull() ? "" : Json.write(payload),
        DeliveryStatus.of(n.path("status").asText()),
        n.path("attempts").asInt(),
        instant(n, "nextAttemptAt"),
        n.path("lastStatusCode").isIntegralNumber() ? n.get("lastStatusCode").asInt() : null,
        n.path("lastError").asText(null),
        instant(n, "createdAt"),
        instant(n, "lastAttemptAt"),
        instant(n, "deliveredAt"));
  }

  private static Instant instant(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : Instant.parse(v.asText());
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
