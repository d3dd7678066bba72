package dev.promptops.core.eval;

/** One metric's totals over a variant's results: how many of its assertions ran and passed. */
public record MetricSummary(String metric, long total, long passed, double scoreSum) {
  public double passRate() {
    return total == 0 ? 1 : (double) passed / total;
  }

  public double meanScore() {
    return total == 0 ? 1 : scoreSum / total;
  }
}
