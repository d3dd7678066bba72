package dev.promptops.core.eval.engine;

import dev.promptops.core.eval.Gate;
import dev.promptops.core.eval.GateVerdict;
import dev.promptops.core.eval.VariantSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A gate applied to a run's candidate variants (each must hold it; the baseline is not judged).
 * Cases without an answer count as not passed; more of them than {@code maxErrors} (or an
 * interrupted run) makes the verdict an infrastructure failure: the run could not judge the prompt.
 */
public final class Gates {
  private Gates() {}

  public static GateVerdict verdict(Gate gate, List<VariantSummary> variants, String interrupted) {
    var reasons = new ArrayList<String>();
    boolean infrastructure = false;
    if (interrupted != null) {
      reasons.add(interrupted);
      infrastructure = true;
    }
    for (VariantSummary v : variants) {
      if (v.baseline()) {
        continue;
      }
      String who = variants.size() > 1 ? v.variant() + ": " : "";
      if (gate.maxErrors() != null && v.errors() > gate.maxErrors()) {
        infrastructure = true;
        reasons.add(
            who + v.errors() + " case(s) got no answer (at most " + gate.maxErrors() + " allowed)");
      }
      if (gate.minPassRate() != null && v.passRate() < gate.minPassRate()) {
        reasons.add(
            who + "pass rate " + percent(v.passRate()) + " < " + percent(gate.minPassRate()));
      }
      if (gate.minMeanScore() != null && v.meanScore() < gate.minMeanScore()) {
        reasons.add(
            who + "mean score " + decimal(v.meanScore()) + " < " + decimal(gate.minMeanScore()));
      }
      gate.minMetricPassRate()
          .forEach(
              (metric, min) -> {
                var m = v.metrics().get(metric);
                if (m == null) {
                  reasons.add(who + "metric '" + metric + "' was not measured (no such assertion)");
                } else if (m.passRate() < min) {
                  reasons.add(
                      who + metric + " pass rate " + percent(m.passRate()) + " < " + percent(min));
                }
              });
      if (gate.maxRegressions() != null
          && v.baselineVariant() != null
          && v.regressionCount() > gate.maxRegressions()) {
        reasons.add(
            who
                + v.regressionCount()
                + " regression(s) against "
                + v.baselineVariant()
                + " (at most "
                + gate.maxRegressions()
                + ")");
      }
    }
    return new GateVerdict(reasons.isEmpty(), reasons, infrastructure);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  static String decimal(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
