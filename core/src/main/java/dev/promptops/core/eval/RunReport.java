package dev.promptops.core.eval;

import java.time.Instant;
import java.util.List;

/**
 * What a run amounts to: the suite, each variant's totals and the gate's verdict. Reports are
 * written from it and from the stored case results.
 *
 * @param id the run's id ({@code ev_…}), the name of its stored results
 * @param interrupted true when the run was stopped before every case ran (it can be resumed)
 * @param resumeHint how to resume an interrupted run, or null
 */
public record RunReport(
    String id,
    String suite,
    String suiteDigest,
    Instant startedAt,
    Instant finishedAt,
    List<VariantSummary> variants,
    GateVerdict gate,
    boolean interrupted,
    String resumeHint) {

  public RunReport {
    variants = List.copyOf(variants);
  }

  /** The variants that the gate judges (not the baseline). */
  public List<VariantSummary> candidates() {
    return variants.stream().filter(v -> !v.baseline()).toList();
  }
}
