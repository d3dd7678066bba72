package dev.promptops.core.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A time during which nothing is deployed to an environment, e.g. a holiday or a launch.
 *
 * @param start inclusive
 * @param end exclusive
 * @param reason shown to whoever is refused
 */
public record FreezeWindow(Instant start, Instant end, String reason) {
  public FreezeWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    reason = reason == null ? "" : reason.strip();
  }

  public boolean covers(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }
}
