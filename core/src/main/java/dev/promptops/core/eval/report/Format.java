package dev.promptops.core.eval.report;

import dev.promptops.core.eval.VariantSummary;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers as every human-readable report shows them, the same in each. */
final class Format {
  private Format() {}

  /** {@code 92.5%}. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** {@code 0.913}. */
  static String score(double score) {
    return String.format(Locale.ROOT, "%.3f", score);
  }

  /** {@code +0.050}, {@code -0.120}: a change of mean score. */
  static String delta(double delta) {
    return String.format(Locale.ROOT, "%+.3f", delta);
  }

  /** {@code $0.0123}, {@code $0.0000132}; {@code -} without a price. */
  static String cost(BigDecimal usd) {
    if (usd == null) {
      return "-";
    }
    BigDecimal shown =
        usd.abs().compareTo(new BigDecimal("0.01")) >= 0
            ? usd.setScale(4, RoundingMode.HALF_UP)
            : usd.round(new MathContext(3, RoundingMode.HALF_UP));
    return "$" + shown.stripTrailingZeros().toPlainString();
  }

  /** {@code 340 ms}, {@code 1.2 s}, {@code 2 min 5 s}. */
  static String millis(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
  }

  /** Seconds with millisecond precision, as JUnit XML's {@code time} attributes: {@code 0.340}. */
  static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
  }

  /** Answered but failed: {@code cases - passed - errors}, so the three add up to the cases. */
  static long failedAnswered(VariantSummary s) {
    return Math.max(0, s.cases() - s.passed() - s.errors());
  }

  /** The score's change against the baseline, or {@code -} when the variant was not compared. */
  static String baselineDelta(VariantSummary s) {
    if (s.baseline() || s.baselineMeanScore() == null) {
      return "-";
    }
    return delta(s.meanScore() - s.baselineMeanScore());
  }

  /** The regression count, or {@code -} when there was no baseline to regress from. */
  static String regressions(VariantSummary s) {
    return s.baseline() || s.baselineVariant() == null ? "-" : Long.toString(s.regressionCount());
  }

  /** The variant's id, marked when it is the baseline. */
  static String variantLabel(VariantSummary s) {
    return s.baseline() ? s.variant() + " (baseline)" : s.variant();
  }
}
