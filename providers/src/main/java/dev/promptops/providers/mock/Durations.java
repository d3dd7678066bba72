package dev.promptops.providers.mock;

import dev.promptops.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as rules files write them: {@code 200ms}, {@code 1.5s}, {@code 2m}. */
final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");

  private Durations() {}

  /**
   * Parses {@code text}; {@code where} names it in the error (e.g. {@code rule 'slow': latency}).
   */
  static Duration parse(String text, String where) {
    Matcher m = DURATION.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new InvalidInputException(
          "invalid_mock_rules",
          where + ": not a duration: '" + text + "'",
          "write a number and a unit: 200ms, 1.5s or 2m");
    }
    BigDecimal millis = new BigDecimal(m.group(1));
    millis =
        switch (m.group(2)) {
          case "s" -> millis.multiply(BigDecimal.valueOf(1000));
          case "m" -> millis.multiply(BigDecimal.valueOf(60_000));
          default -> millis;
        };
    return Duration.ofMillis(millis.longValue());
  }

  /** {@code 200ms}, {@code 2s}: how the request log and the CLI show a duration. */
  static String show(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 && ms > 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
