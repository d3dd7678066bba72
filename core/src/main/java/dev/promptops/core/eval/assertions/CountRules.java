package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.assertions.Rule.Threshold;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.function.ToLongFunction;

/**
 * {@code word-count} and {@code length}: the output's number of words ({@link Words}) or of
 * characters (Unicode code points: an emoji counts once), against a value that is a number (the
 * exact count) or {@code {min, max}} (inclusive; either may be left out).
 */
final class CountRules {
  static final Rule WORD_COUNT = rule("word", Words::count);
  static final Rule LENGTH = rule("character", t -> t.codePointCount(0, t.length()));

  private CountRules() {}

  /** The counts a value allows: {@code min == max} for an exact count; null for no bound. */
  record Bounds(Long min, Long max) {
    boolean allows(long n) {
      return (min == null || n >= min) && (max == null || n <= max);
    }

    String describe() {
      if (min != null && min.equals(max)) {
        return "exactly " + min;
      }
      if (min != null && max != null) {
        return "between " + min + " and " + max;
      }
      return min != null ? "at least " + min : "at most " + max;
    }
  }

  private static Rule rule(String unit, ToLongFunction<String> counter) {
    String example = "value: {min: 20, max: 100}";
    return new Rule(
        Threshold.NONE, example, CountRules::bounds, (s, c) -> judge(s, c, unit, counter));
  }

  private static Verdict judge(
      AssertionSpec spec, AssertionContext ctx, String unit, ToLongFunction<String> counter) {
    Bounds bounds = bounds(spec, "");
    long n = counter.applyAsLong(ctx.output().text());
    boolean ok = bounds.allows(n);
    return Verdict.of(
        ok,
        "output has "
            + Format.count(n, unit)
            + (ok ? " (" : ", expected ")
            + bounds.describe()
            + (ok ? ")" : ""));
  }

  /** The bounds a value writes; throws {@code invalid_assertion} when it writes none. */
  static Bounds bounds(AssertionSpec spec, String example) {
    JsonNode value = spec.value();
    if (value != null && (value.isNumber() || value.isTextual())) {
      long exact = count(spec, value, "the value", example);
      return new Bounds(exact, exact);
    }
    if (value == null || !value.isObject()) {
      throw Problems.invalid(
          spec,
          "needs a value: a number (the exact count) or {min, max}, got " + Values.describe(value),
          example);
    }
    return range(spec, value, example);
  }

  private static Bounds range(AssertionSpec spec, JsonNode value, String example) {
    for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("min") && !key.equals("max")) {
        throw Problems.invalid(spec, "unknown key '" + key + "'; write min, max or both", example);
      }
    }
    Long min = value.hasNonNull("min") ? count(spec, value.get("min"), "min", example) : null;
    Long max = value.hasNonNull("max") ? count(spec, value.get("max"), "max", example) : null;
    if (min == null && max == null) {
      throw Problems.invalid(spec, "needs min, max or both", example);
    }
    if (min != null && max != null && min > max) {
      throw Problems.invalid(
          spec, "min (" + min + ") must not be greater than max (" + max + ")", example);
    }
    return new Bounds(min, max);
  }

  private static long count(AssertionSpec spec, JsonNode n, String what, String example) {
    BigDecimal d = null;
    if (n.isNumber() && (n.isBigDecimal() || Double.isFinite(n.doubleValue()))) {
      d = n.decimalValue();
    } else if (n.isTextual() && n.textValue().strip().matches("[0-9]{1,18}")) {
      d = new BigDecimal(n.textValue().strip());
    }
    if (d == null || d.signum() < 0 || d.stripTrailingZeros().scale() > 0) {
      throw Problems.invalid(
          spec,
          what
              + " must be a whole number, at least 0, got "
              + Format.abbreviate(Values.text(n), 40),
          example);
    }
    return d.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValueExact();
  }
}
