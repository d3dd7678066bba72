package dev.promptops.core.drift;

import dev.promptops.core.InvalidInputException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How drift is judged, from the server's environment.
 *
 * @param grace how long after a deployment instances may still serve the version before it ({@code
 *     PROMPTOPS_DRIFT_GRACE}, default {@code 2m}): the SDK's cache lifetime plus a report interval
 * @param instanceTimeout an instance whose last report is older is gone ({@code
 *     PROMPTOPS_DRIFT_INSTANCE_TIMEOUT}, default {@code 3m}: the SDK reports at least every minute)
 * @param servedWindow what an instance served longer ago than this is no longer what it serves
 *     ({@code PROMPTOPS_DRIFT_SERVED_WINDOW}, default {@code 15m})
 * @param every how often the server evaluates drift on its own, besides at each report ({@code
 *     PROMPTOPS_DRIFT_EVERY}, default {@code 10s})
 * @param retention reports older than this are deleted ({@code PROMPTOPS_DRIFT_RETENTION}, default
 *     {@code 7d})
 */
public record DriftSettings(
    Duration grace,
    Duration instanceTimeout,
    Duration servedWindow,
    Duration every,
    Duration retention) {
  public static final String GRACE = "PROMPTOPS_DRIFT_GRACE";
  public static final String INSTANCE_TIMEOUT = "PROMPTOPS_DRIFT_INSTANCE_TIMEOUT";
  public static final String SERVED_WINDOW = "PROMPTOPS_DRIFT_SERVED_WINDOW";
  public static final String EVERY = "PROMPTOPS_DRIFT_EVERY";
  public static final String RETENTION = "PROMPTOPS_DRIFT_RETENTION";
  public static final DriftSettings DEFAULT =
      new DriftSettings(
          Duration.ofMinutes(2),
          Duration.ofMinutes(3),
          Duration.ofMinutes(15),
          Duration.ofSeconds(10),
          Duration.ofDays(7));

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  public static DriftSettings from(Map<String, String> env) {
    return new DriftSettings(
        duration(env, GRACE, DEFAULT.grace),
        duration(env, INSTANCE_TIMEOUT, DEFAULT.instanceTimeout),
        duration(env, SERVED_WINDOW, DEFAULT.servedWindow),
        duration(env, EVERY, DEFAULT.every),
        duration(env, RETENTION, DEFAULT.retention));
  }

  /** A duration such as {@code 90s}, {@code 2m}, {@code 250ms}, {@code 6h}, {@code 1d}. */
  public static Duration parse(String text, String what) {
    var m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new InvalidInputException(
          "invalid_duration",
          what + " is not a duration: '" + text + "'",
          "write a whole number and a unit: 250ms, 30s, 2m, 6h, 1d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : parse(value, name);
  }
}
