package dev.promptops.core.drift;

import java.time.Instant;
import java.util.Objects;

/**
 * What one instance served: a prompt in an environment (empty for a lookup by exact version) as one
 * digest, from the server or from its snapshot ({@code fallback}), {@code uses} times between
 * {@code firstSeen} and {@code lastSeen}.
 */
public record Served(
    String instance,
    String environment,
    String prompt,
    String digest,
    boolean fallback,
    Integer version,
    long uses,
    Instant firstSeen,
    Instant lastSeen) {

  public Served {
    Objects.requireNonNull(instance, "instance");
    environment = environment == null ? "" : environment;
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }

  /** True for a lookup by environment (drift applies); false for an exact version. */
  public boolean byEnvironment() {
    return !environment.isEmpty();
  }
}
