package dev.promptops.core.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * One event for one subscription, as queued and as it went. The body is stored exactly as sent, so
 * every attempt carries the same bytes and the same id (the idempotency key).
 *
 * @param auditSeq the audit entry the event came from; null for a ping
 * @param attempts the attempts made since the delivery was queued (or last redelivered)
 * @param nextAttemptAt when a pending delivery is due; null once delivered or failed
 * @param lastStatusCode the HTTP status of the last attempt; null before one, or when the receiver
 *     could not be reached
 * @param lastError what went wrong in the last attempt (an excerpt of the answer, or the network
 *     error); null when it succeeded
 */
public record WebhookDelivery(
    String id,
    String subscriptionId,
    String project,
    String event,
    Long auditSeq,
    String body,
    DeliveryStatus status,
    int attempts,
    Instant nextAttemptAt,
    Integer lastStatusCode,
    String lastError,
    Instant createdAt,
    Instant lastAttemptAt,
    Instant deliveredAt) {

  public WebhookDelivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A new delivery, due at once. */
  public static WebhookDelivery queued(
      String id, WebhookSubscription to, String event, Long auditSeq, String body, Instant now) {
    return new WebhookDelivery(
        id,
        to.id(),
        to.project(),
        event,
        auditSeq,
        body,
        DeliveryStatus.PENDING,
        0,
        now,
        null,
        null,
        now,
        null,
        null);
  }

  /**
   * What one attempt came to.
   *
   * @param status {@code DELIVERED}, {@code PENDING} (retry at {@code nextAttemptAt}) or {@code
   *     FAILED}
   */
  public record Outcome(
      DeliveryStatus status, Integer statusCode, String error, Instant at, Instant nextAttemptAt) {}
}
