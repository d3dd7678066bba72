package dev.promptops.core.webhook;

import dev.promptops.core.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a failed delivery is tried again: after the n-th failed attempt, the n-th delay (each with
 * up to ±20 % jitter, so receivers that come back are not hit by every sender at once), or the
 * receiver's {@code Retry-After} when it asks for longer (capped at a day). After the last delay's
 * attempt fails the delivery has failed. The default is 8 attempts over about 18 hours.
 */
public record RetrySchedule(List<Duration> delays) {
  private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);
  private static final double JITTER = 0.2;
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  /** 10 s, 1 min, 5 min, 30 min, 2 h, 5 h, 10 h: 8 attempts in about 18 hours. */
  public static final RetrySchedule DEFAULT = parse("10s,1m,5m,30m,2h,5h,10h");

  public RetrySchedule {
    delays = List.copyOf(delays);
    for (Duration d : delays) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("a retry delay must not be negative: " + d);
      }
    }
  }

  /** Parses {@code "10s,1m,5m"}: delays in ms, s, m, h or d, comma-separated; "" for none. */
  public static RetrySchedule parse(String text) {
    var delays = new ArrayList<Duration>();
    for (String part : text.split(",")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      delays.add(duration(p, text));
    }
    return new RetrySchedule(delays);
  }

  /** One duration: a whole number of ms, s, m, h or d, e.g. {@code 250ms}. */
  public static Duration duration(String text) {
    return duration(text.strip().toLowerCase(Locale.ROOT), text);
  }

  private static Duration duration(String part, String whole) {
    Matcher m = DURATION.matcher(part);
    if (!m.matches()) {
      throw new InvalidInputException(
          "invalid_retry_schedule",
          "not a retry delay: '" + part + "' in '" + whole + "'",
          "write durations such as 10s,1m,5m,2h (units ms, s, m, h, d)");
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

  /** How many attempts a delivery gets in all. */
  public int maxAttempts() {
    return delays.size() + 1;
  }

  /**
   * What the {@code attempts}-th attempt (from 1) came to.
   *
   * @param statusCode the receiver's status, or null when it could not be reached
   * @param error what went wrong; null when the receiver answered 2xx
   * @param retryAfter the receiver's {@code Retry-After} on 429 or 503, or null
   */
  public WebhookDelivery.Outcome outcome(
      int attempts, Integer statusCode, String error, Duration retryAfter, Instant now) {
    if (statusCode != null && statusCode >= 200 && statusCode < 300) {
      return new WebhookDelivery.Outcome(DeliveryStatus.DELIVERED, statusCode, null, now, null);
    }
    if (attempts >= maxAttempts()) {
      return new WebhookDelivery.Outcome(DeliveryStatus.FAILED, statusCode, error, now, null);
    }
    Duration wait = jittered(delays.get(attempts - 1));
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
    }
    return new WebhookDelivery.Outcome(
        DeliveryStatus.PENDING, statusCode, error, now, now.plus(wait));
  }

  private static Duration jittered(Duration d) {
    double factor = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
    return Duration.ofMillis(Math.round(d.toMillis() * factor));
  }
}
