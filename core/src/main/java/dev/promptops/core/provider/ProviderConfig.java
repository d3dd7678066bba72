package dev.promptops.core.provider;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A provider of a project as configured: its name (the {@code provider} part of model references),
 * its type, the endpoint, the secret (decrypted, only in memory), and its limits.
 *
 * @param baseUrl the endpoint; null for the provider's public one (required for openai-compatible,
 *     azure-openai and, unless local, ollama)
 * @param apiKey the secret, or null (e.g. a local Ollama)
 * @param options type-specific settings, e.g. {@code apiVersion} and {@code deployment} for Azure
 * @param maxConcurrent how many calls may run at once (0: unlimited)
 * @param requestsPerMinute how many calls may start per minute (0: unlimited)
 */
public record ProviderConfig(
    String name,
    ProviderType type,
    String baseUrl,
    String apiKey,
    Map<String, String> options,
    Duration timeout,
    int maxRetries,
    int maxConcurrent,
    int requestsPerMinute) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_RETRIES = 2;

  public ProviderConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    options = options == null ? Map.of() : Map.copyOf(options);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
  }

  @Override
  public String toString() {
    return "ProviderConfig["
        + name
        + ", "
        + type.wireName()
        + ", "
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + "]";
  }
}
