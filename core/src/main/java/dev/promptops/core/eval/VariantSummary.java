package dev.promptops.core.eval;

import dev.promptops.core.provider.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A variant's totals, kept while the results stream by (memory does not grow with the cases).
 *
 * @param prompt the prompt's name
 * @param version the registered version run, or null for a file not yet pushed
 * @param digest the digest of what ran (a file's digest is the one a push would give it)
 * @param provider the provider and model, {@code openai/gpt-4o-mini}; for a variant whose cases ran
 *     on their prompt's model, that model
 * @param errors cases whose run failed (no answer)
 * @param metrics by metric name
 * @param cost USD over the priced calls; null when no call had a price
 * @param latencyP50Millis median latency of the answered runs; p95 likewise
 * @param regressions cases that passed on the baseline and fail here (at most a few dozen kept;
 *     {@code regressionCount} counts them all); empty without a baseline
 * @param worst the lowest-scoring cases (a few kept), failures first
 * @param baselineVariant the baseline variant compared with, or null
 */
public record VariantSummary(
    String variant,
    String prompt,
    Integer version,
    String digest,
    String provider,
    boolean baseline,
    long cases,
    long passed,
    long errors,
    double meanScore,
    Map<String, MetricSummary> metrics,
    Usage usage,
    BigDecimal cost,
    long latencyP50Millis,
    long latencyP95Millis,
    long cachedCases,
    long regressionCount,
    List<CaseRef> regressions,
    List<CaseRef> worst,
    String baselineVariant,
    Double baselineMeanScore) {

  public VariantSummary {
    metrics = Map.copyOf(metrics);
    regressions = List.copyOf(regressions);
    worst = List.copyOf(worst);
  }

  public long failed() {
    return cases - passed;
  }

  public double passRate() {
    return cases == 0 ? 1 : (double) passed / cases;
  }
}
