package dev.promptops.core.eval;

import java.util.Objects;

/**
 * How one assertion judged one output.
 *
 * @param score in [0, 1]; for pass/fail checks 1 or 0, for metrics the metric (similarity, BLEU …),
 *     already inverted for a negated assertion
 * @param reason one line a person reads: why it passed or failed ({@code output does not contain
 *     "refund"}, {@code cosine similarity 0.62 < 0.75})
 */
public record AssertionResult(AssertionSpec spec, boolean pass, double score, String reason) {
  public AssertionResult {
    Objects.requireNonNull(spec, "spec");
    if (Double.isNaN(score) || score < 0 || score > 1) {
      throw new IllegalArgumentException("score must be in [0, 1]: " + score);
    }
    reason = reason == null ? "" : reason;
  }
}
