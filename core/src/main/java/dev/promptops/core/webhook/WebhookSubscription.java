package dev.promptops.core.webhook;

import dev.promptops.core.provider.SecretBox;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A project's subscription to webhook events, as stored: its secret only sealed.
 *
 * @param events event names, or {@code *} for all
 * @param secret the signing secret, encrypted under the server's master key
 */
public record WebhookSubscription(
    String id,
    String project,
    String url,
    List<String> events,
    boolean enabled,
    SecretBox.Sealed secret,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy) {

  public WebhookSubscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(url, "url");
    events = List.copyOf(events);
    Objects.requireNonNull(secret, "secret");
  }

  /** Whether this subscription wants {@code event} now (a ping always reaches it). */
  public boolean wants(String event) {
    return event.equals(WebhookEvents.PING)
        || (enabled && (events.contains(WebhookEvents.ALL) || events.contains(event)));
  }

  /** What the API shows: everything but the secret. */
  public WebhookInfo info() {
    return new WebhookInfo(
        id,
        project,
        url,
        events,
        enabled,
        secret.keyId(),
        createdAt,
        createdBy,
        updatedAt,
        updatedBy);
  }

  public WebhookSubscription with(
      String newUrl, List<String> newEvents, boolean newEnabled, Instant at, String by) {
    return new WebhookSubscription(
        id, project, newUrl, newEvents, newEnabled, secret, createdAt, createdBy, at, by);
  }

  public WebhookSubscription withSecret(SecretBox.Sealed newSecret, Instant at, String by) {
    return new WebhookSubscription(
        id, project, url, events, enabled, newSecret, createdAt, createdBy, at, by);
  }
}
