package dev.promptops.cli;

import dev.promptops.core.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as users type it: an instant ({@code 2026-11-25T10:00:00Z}), a day in UTC ({@code
 * 2026-11-25}), or an age before now ({@code 30m}, {@code 12h}, {@code 7d}).
 */
final class TimeArgument {
  private static final Pattern AGE = Pattern.compile("(\\d{1,6})([smhd])");

  private TimeArgument() {}

  static Instant parse(String option, String text, Instant now) {
    Matcher age = AGE.matcher(text);
    if (age.matches()) {
      long n = Long.parseLong(age.group(1));
      Duration d =
          switch (age.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return now.minus(d);
    }
    try {
      return text.contains("T")
          ? Instant.parse(text)
          : LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "invalid_time",
          option + " takes a time, not '" + text + "'",
          "write 2026-11-25T10:00:00Z, a day such as 2026-11-25 (UTC), or an age such as 30m,"
              + " 12h, 7d");
    }
  }
}
