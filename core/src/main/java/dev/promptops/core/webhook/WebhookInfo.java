package dev.promptops.core.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A webhook as the API shows it: its settings and the id of the master key that encrypted its
 * secret, never the secret.
 *
 * @param previousSecretUntil after a rotation that kept the previous secret, until when deliveries
 *     are also signed with it; null otherwise
 */
public record WebhookInfo(
    String id,
    String project,
    String url,
    List<String> events,
    boolean enabled,
    String secretKeyId,
    Instant previousSecretUntil,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy) {

  public WebhookInfo {
    events = List.copyOf(events);
  }
}
