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
 * @param previous the secret before the last rotation while it is still signed with, or null
 */
public record WebhookSubscription(
    String id,
    String project,
    String url,
    List<String> events,
    boolean enabled,
    SecretBox.Sealed secret,
    Previous previous,
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

  /** A secret replaced by a rotation, still signed with until {@code until}. */
  public record Previous(SecretBox.Sealed secret, Instant until) {
    public Previous {
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(until, "until");
    }
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
        previous == null ? null : previous.until(),
        createdAt,
        createdBy,
        updatedAt,
        updatedBy);
  }

  public WebhookSubscription with(
      String newUrl, List<String> newEvents, boolean newEnabled, Instant at, String by) {
    return new WebhookSubscription(
        id, project, newUrl, newEvents, newEnabled, secret, previous, createdAt, createdBy, at, by);
  }

  /** The subscription signing with {@code newSecret}, and with the old one until {@code until}. */
  public WebhookSubscription withSecret(
      SecretBox.Sealed newSecret, Instant until, Instant at, String by) {
    Previous kept = until == null || !until.isAfter(at) ? null : new Previous(secret, until);
    return new WebhookSubscription(
        id, project, url, events, enabled, newSecret, kept, createdAt, createdBy, at, by);
  }
}
