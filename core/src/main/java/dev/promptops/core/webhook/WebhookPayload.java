package dev.promptops.core.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.json.Json;
import java.time.Instant;

/**
 * The JSON body of a delivery: {@code id} (the delivery's id, also its idempotency key), {@code
 * event}, {@code project}, {@code occurredAt}, {@code actor}, {@code target}, {@code data} (the
 * audit entry's details, which never hold a secret: for deployments the ledger entry with {@code
 * fromVersion} and {@code toVersion}) and {@code auditSeq}.
 */
final class WebhookPayload {
  private WebhookPayload() {}

  static String of(String deliveryId, String event, AuditEntry entry) {
    ObjectNode body =
        base(deliveryId, event, entry.project(), entry.at(), entry.actor(), entry.target());
    body.set("data", entry.details());
    body.put("auditSeq", entry.seq());
    return Json.write(body);
  }

  static String ping(String deliveryId, WebhookSubscription to, Instant at, String actor) {
    ObjectNode body = base(deliveryId, WebhookEvents.PING, to.project(), at, actor, to.id());
    body.putObject("data").put("subscription", to.id()).put("url", to.url());
    body.putNull("auditSeq");
    return Json.write(body);
  }

  private static ObjectNode base(
      String id, String event, String project, Instant at, String actor, String target) {
    ObjectNode body = Json.object();
    body.put("id", id);
    body.put("event", event);
    body.put("project", project);
    body.put("occurredAt", at.toString());
    body.put("actor", actor);
    body.put("target", target);
    return body;
  }
}
