package dev.promptops.core.drift;

import java.time.Instant;
import java.util.Objects;

/**
 * A running instance that reports what it serves: an SDK in an application, or a server for the
 * executions it makes itself (gateway, run).
 *
 * @param startedAt when the instance started, as it says; null when it did not say
 * @param lastSeen its last report, which is also its heartbeat
 * @param dropped its own count of uses it could not report
 */
public record InstanceInfo(
    String id,
    String application,
    String host,
    String sdk,
    Source source,
    Instant startedAt,
    Instant firstSeen,
    Instant lastSeen,
    long reports,
    long dropped) {

  /** Who reports. */
  public enum Source {
    SDK,
    SERVER;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public InstanceInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(application, "application");
    host = host == null ? "" : host;
    sdk = sdk == null ? "" : sdk;
    Objects.requireNonNull(source, "source");
  }
}
