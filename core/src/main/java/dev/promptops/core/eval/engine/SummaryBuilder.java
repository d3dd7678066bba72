package dev.promptops.core.eval.engine;

import dev.promptops.core.eval.AssertionResult;
import dev.promptops.core.eval.CaseRef;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.MetricSummary;
import dev.promptops.core.eval.VariantSummary;
import dev.promptops.core.provider.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A variant's totals, added to result by result from any thread; the memory it keeps does not grow
 * with the number of cases (counters, a latency histogram, the few worst cases, the first
 * regressions).
 */
final class SummaryBuilder {
  static final int WORST_KEPT = 10;
  static final int REGRESSIONS_KEPT = 50;

  /** Worst first: failures before passes, then lower scores, then earlier cases. */
  private static final Comparator<CaseRef> WORST =
      Comparator.comparing((CaseRef c) -> c.reason().isEmpty())
          .thenComparingDouble(CaseRef::score)
          .thenComparingInt(CaseRef::caseIndex)
          .thenComparingInt(CaseRef::repeat);

  private final PreparedVariant variant;
  private long cases;
  private long passed;
  private long errors;
  private long cached;
  private double scoreSum;
  private final Map<String, long[]> metricCounts = new LinkedHashMap<>();
  private final Map<String, Double> metricScores = new LinkedHashMap<>();
  private Usage usage = Usage.NONE;
  private BigDecimal cost;
  private final LatencyHistogram latency = new LatencyHistogram();
  private final PriorityQueue<CaseRef> worst = new PriorityQueue<>(WORST.reversed());
  private long regressionCount;
  private final List<CaseRef> regressions = new ArrayList<>();
  private String baselineVariant;
  private SummaryBuilder baseline;

  SummaryBuilder(PreparedVariant variant) {
    this.variant = variant;
  }

  synchronized void add(CaseResult r) {
    cases++;
    if (r.pass()) {
      passed++;
    }
    scoreSum += r.score();
    if (r.error() != null) {
      errors++;
    } else {
      latency.add(r.output().latencyMillis());
    }
    if (r.output().cached()) {
      cached++;
    }
    usage = usage.plus(r.output().usage());
    if (r.output().cost() != null) {
      cost = cost == null ? r.output().cost() : cost.add(r.output().cost());
    }
    for (AssertionResult a : r.assertions()) {
      String metric = a.spec().metricName();
      long[] counts = metricCounts.computeIfAbsent(metric, m -> new long[2]);
      counts[0]++;
      counts[1] += a.pass() ? 1 : 0;
      metricScores.merge(metric, a.score(), Double::sum);
    }
    keepWorst(ref(r, null));
  }

  private void keepWorst(CaseRef c) {
    worst.add(c);
    if (worst.size() > WORST_KEPT) {
      worst.poll();
    }
  }

  /** Compares with {@code baseline}: a case that passed there and fails here is a regression. */
  void comparedWith(SummaryBuilder baseline) {
    this.baseline = baseline;
    this.baselineVariant = baseline.variant.id();
  }

  synchronized void regression(CaseResult here, double baselineScore) {
    regressionCount++;
    if (regressions.size() < REGRESSIONS_KEPT) {
      regressions.add(ref(here, baselineScore));
    }
  }

  static CaseRef ref(CaseResult r, Double baselineScore) {
    String reason = r.error() != null ? r.error() : "";
    if (reason.isEmpty() && !r.pass()) {
      reason =
          r.assertions().stream()
              .filter(a -> !a.pass())
              .map(a -> a.spec().displayType() + ": " + a.reason())
              .findFirst()
              .orElse("score " + String.format(java.util.Locale.ROOT, "%.2f", r.score()));
    }
    return new CaseRef(r.caseIndex(), r.repeat(), r.name(), r.score(), baselineScore, reason);
  }

  synchronized double meanScore() {
    return cases == 0 ? 0 : scoreSum / cases;
  }

  synchronized VariantSummary build() {
    var metrics = new LinkedHashMap<String, MetricSummary>();
    metricCounts.forEach(
        (m, c) -> metrics.put(m, new MetricSummary(m, c[0], c[1], metricScores.get(m))));
    var worstList = new ArrayList<>(worst);
    worstList.sort(WORST);
    var regressionList = new ArrayList<>(regressions);
    regressionList.sort(
        Comparator.comparingInt(CaseRef::caseIndex).thenComparingInt(CaseRef::repeat));
    return new VariantSummary(
        variant.id(),
        variant.prompt(),
        variant.version(),
        variant.digest(),
        variant.provider(),
        variant.baseline(),
        cases,
        passed,
        errors,
        meanScore(),
        metrics,
        usage,
        cost,
        latency.percentile(0.5),
        latency.percentile(0.95),
        cached,
        regressionCount,
        regressionList,
        worstList,
        baselineVariant,
        baseline == null ? null : baseline.meanScore());
  }
}
