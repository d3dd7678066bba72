package dev.promptops.core.eval.assertions;

import dev.promptops.core.eval.AssertionResult;
import dev.promptops.core.eval.AssertionSpec;

/**
 * How one check came out before negation.
 *
 * <p>A judged verdict states a fact about the output ({@code output contains "sorry"}) that is true
 * whichever way the assertion is written; negation flips pass and score and names the negated type
 * after the fact. A verdict that could not be judged (no output, no price, an unknown variable)
 * fails whether or not the assertion is negated: {@code not-cost} must not pass because the cost is
 * unknown.
 */
record Verdict(boolean pass, double score, String reason, boolean judged) {

  /** A pass/fail fact: score 1 or 0. */
  static Verdict of(boolean pass, String fact) {
    return new Verdict(pass, pass ? 1 : 0, fact, true);
  }

  /** A metric: the score is the metric, clamped to [0, 1] (NaN counts as 0). */
  static Verdict scored(boolean pass, double score, String fact) {
    double clamped = Double.isNaN(score) ? 0 : Math.max(0, Math.min(1, score));
    return new Verdict(pass, clamped, fact, true);
  }

  /** The check could not be made: fails with score 0, negated or not. */
  static Verdict cannotJudge(String reason) {
    return new Verdict(false, 0, reason, false);
  }

  AssertionResult toResult(AssertionSpec spec) {
    if (!judged || !spec.negated()) {
      return new AssertionResult(spec, pass, score, reason);
    }
    return new AssertionResult(spec, !pass, 1 - score, reason + " (" + spec.displayType() + ")");
  }
}
