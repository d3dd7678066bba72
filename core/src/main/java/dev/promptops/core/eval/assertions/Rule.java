package dev.promptops.core.eval.assertions;

import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * What one assertion type does: the threshold it takes, how its spec is checked when a suite is
 * loaded, and how it judges an output.
 *
 * @param example the rest of a correct assertion in flow YAML ({@code value: refund}), for hints
 * @param check given the spec and the example, throws {@code InvalidInputException} (via {@link
 *     Problems}) on a bad value
 * @param judge never throws on any output; only calls to graders may fail
 */
record Rule(
    Threshold threshold,
    String example,
    BiConsumer<AssertionSpec, String> check,
    BiFunction<AssertionSpec, AssertionContext, Verdict> judge) {

  /** What a type's threshold means. */
  enum Threshold {
    /** The type passes or fails on its value alone: a threshold is refused. */
    NONE("", null),
    /** A minimum score in [0, 1], optional (the type has a default). */
    SCORE("the minimum score", null),
    /** {@code levenshtein}: the maximum edit distance, optional (default 5). */
    DISTANCE("the maximum edit distance", null),
    /** A maximum that must be given. */
    MILLISECONDS("the maximum latency in milliseconds", "threshold: 2000"),
    DOLLARS("the maximum cost in USD", "threshold: 0.002"),
    TOKENS("the maximum number of tokens", "threshold: 1000");

    private final String meaning;
    private final String required;

    Threshold(String meaning, String required) {
      this.meaning = meaning;
      this.required = required;
    }

    void check(AssertionSpec spec, String example) {
      Double t = spec.threshold();
      if (t == null) {
        if (required != null) {
          throw Problems.invalid(spec, "needs a threshold: " + meaning, required);
        }
        return;
      }
      if (this == NONE) {
        throw Problems.invalid(
            spec, "takes no threshold (it passes or fails on its value); remove it", example);
      }
      String sample = required != null ? required : example;
      if (t.isNaN() || t.isInfinite()) {
        throw Problems.invalid(spec, "threshold must be a finite number, got " + t, sample);
      }
      if (t < 0 || (this == SCORE && t > 1)) {
        String range = this == SCORE ? "between 0 and 1" : "at least 0";
        throw Problems.invalid(
            spec,
            "threshold must be " + range + " (" + meaning + "), got " + Format.plain(t),
            sample);
      }
    }
  }
}
