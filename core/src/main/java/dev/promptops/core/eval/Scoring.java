package dev.promptops.core.eval;

import java.util.List;

/**
 * A case's verdict from its assertions, as promptfoo computes it: the score is the weighted mean of
 * the assertion scores (all weights 0: the plain mean; no assertions: 1). With a threshold the case
 * passes when its score reaches the threshold, whatever single assertions say; without one every
 * assertion must pass, weight 0 included.
 */
public final class Scoring {
  private Scoring() {}

  /** Pass and score of one case. */
  public record Verdict(boolean pass, double score) {}

  public static Verdict of(List<AssertionResult> results, Double threshold) {
    if (results.isEmpty()) {
      return new Verdict(true, 1);
    }
    double weighted = 0;
    double weights = 0;
    double plain = 0;
    boolean all = true;
    for (AssertionResult r : results) {
      weighted += r.score() * r.spec().weight();
      weights += r.spec().weight();
      plain += r.score();
      all &= r.pass();
    }
    double score = weights > 0 ? weighted / weights : plain / results.size();
    score = Math.max(0, Math.min(1, score));
    boolean pass = threshold != null ? score >= threshold : all;
    return new Verdict(pass, score);
  }
}
