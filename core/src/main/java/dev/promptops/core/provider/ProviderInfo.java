package dev.promptops.core.provider;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider of a project as the API shows it: its settings, and whether a secret is stored (with
 * the id of the master key that encrypted it), never the secret itself.
 *
 * @param secretKeyId the {@link MasterKey#id()} the stored secret was encrypted with, or null when
 *     no secret is stored
 */
public record ProviderInfo(
    String project,
    ProviderSettings settings,
    String secretKeyId,
    Instant updatedAt,
    String updatedBy) {

  public ProviderInfo {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(settings, "settings");
  }

  public String name() {
    return settings.name();
  }

  public boolean hasSecret() {
    return secretKeyId != null;
  }

  /**
   * The variable the server reads the API key from when none is stored, or null for a provider with
   * a custom endpoint, which never takes a server-wide key.
   */
  public String apiKeyVariable() {
    return settings.baseUrl() == null ? ProviderSettings.apiKeyVariable(settings.name()) : null;
  }
}
