package dev.promptops.core.eval;

import java.util.Map;

/**
 * What a run must reach to pass, each part optional (null: not checked).
 *
 * @param minPassRate the share of cases that must pass, in [0, 1]
 * @param minMeanScore the minimum mean case score, in [0, 1]
 * @param minMetricPassRate per metric (an assertion's {@code metric}, else its written type, e.g.
 *     {@code llm-rubric}), the share of its assertions that must pass
 * @param maxRegressions how many cases may fail that passed on the baseline
 * @param maxErrors how many cases may end without an answer (the provider failed); exceeding it is
 *     an infrastructure failure (exit 3), not a failed gate
 */
public record Gate(
    Double minPassRate,
    Double minMeanScore,
    Map<String, Double> minMetricPassRate,
    Integer maxRegressions,
    Integer maxErrors) {

  /** No gate of its own: a run passes when every case passes and none errs. */
  public static final Gate DEFAULT = new Gate(1.0, null, Map.of(), null, 0);

  public Gate {
    minMetricPassRate = minMetricPassRate == null ? Map.of() : Map.copyOf(minMetricPassRate);
  }
}
