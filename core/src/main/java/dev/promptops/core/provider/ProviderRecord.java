package dev.promptops.core.provider;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider of a project as stored: its settings and its secret sealed by {@link SecretBox} (never
 * the plaintext).
 *
 * @param secret the sealed API key, or null when none is stored (the environment may give one)
 */
public record ProviderRecord(
    String project,
    ProviderSettings settings,
    SecretBox.Sealed secret,
    Instant updatedAt,
    String updatedBy) {

  public ProviderRecord {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(updatedBy, "updatedBy");
  }

  public String name() {
    return settings.name();
  }

  /** What may be shown: everything but the sealed secret. */
  public ProviderInfo info() {
    return new ProviderInfo(
        project, settings, secret == null ? null : secret.keyId(), updatedAt, updatedBy);
  }
}
