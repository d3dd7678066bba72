package dev.promptops.core.eval.report;

import dev.promptops.core.eval.AssertionResult;
import dev.promptops.core.eval.CaseRef;
import dev.promptops.core.eval.CaseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What reports say about one case result: its status and why it failed. */
final class Cases {
  private Cases() {}

  enum Status {
    PASS,
    FAIL,
    ERROR;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static Status status(CaseResult r) {
    if (r.error() != null) {
      return Status.ERROR;
    }
    return r.pass() ? Status.PASS : Status.FAIL;
  }

  /**
   * One line per failing assertion ({@code not-contains: output contains "sorry"}); the run's error
   * for a run without an answer; for a case that failed with every assertion passing (its score
   * stayed under the case's threshold), that.
   */
  static List<String> failingReasons(CaseResult r) {
    if (r.error() != null) {
      return List.of("error: " + r.error());
    }
    var reasons = new ArrayList<String>();
    for (AssertionResult a : r.assertions()) {
      if (!a.pass()) {
        String reason = a.reason().isBlank() ? "failed" : a.reason();
        reasons.add(a.spec().displayType() + ": " + reason);
      }
    }
    if (reasons.isEmpty() && !r.pass()) {
      reasons.add("score " + Format.score(r.score()) + " is below the case's threshold");
    }
    return reasons;
  }

  /** The cases of a summary's worst list worth showing: those that lost points or failed. */
  static List<CaseRef> belowPerfect(List<CaseRef> worst) {
    return worst.stream()
        .filter(c -> c.score() < 1 || (c.reason() != null && !c.reason().isBlank()))
        .toList();
  }

  /** The display name of a case run: its name, and {@code #repeat} for a repetition. */
  static String displayName(String name, int repeat) {
    return repeat > 0 ? name + " #" + repeat : name;
  }
}
