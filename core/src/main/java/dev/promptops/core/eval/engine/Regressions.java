package dev.promptops.core.eval.engine;

import dev.promptops.core.eval.CaseResult;
import java.util.HashMap;
import java.util.Map;

/**
 * Pairs each candidate result with the baseline's result for the same case and repetition, in
 * whichever order they arrive, and records a regression when the baseline passed and the candidate
 * does not. A pair is forgotten once complete, so what it holds is bounded by the cases in flight.
 */
final class Regressions {
  private record Half(boolean baseline, boolean pass, double score, CaseResult result) {}

  private final SummaryBuilder candidate;
  private final Map<String, Half> pending = new HashMap<>();

  Regressions(SummaryBuilder candidate) {
    this.candidate = candidate;
  }

  void add(CaseResult r, boolean fromBaseline) {
    Half other;
    synchronized (this) {
      other = pending.remove(r.key());
      if (other == null) {
        pending.put(r.key(), new Half(fromBaseline, r.pass(), r.score(), fromBaseline ? null : r));
        return;
      }
    }
    if (other.baseline() == fromBaseline) {
      return;
    }
    boolean baselinePass = fromBaseline ? r.pass() : other.pass();
    double baselineScore = fromBaseline ? r.score() : other.score();
    CaseResult here = fromBaseline ? other.result() : r;
    if (baselinePass && !here.pass()) {
      candidate.regression(here, baselineScore);
    }
  }
}
