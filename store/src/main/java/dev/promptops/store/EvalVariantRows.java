package dev.promptops.store;

import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.VariantSummary;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The variant index: one row per variant summary of a run's report (prompt, version, digest,
 * provider and totals), so runs can be listed per prompt version or digest without reading reports.
 * The report itself stays the source of truth.
 */
final class EvalVariantRows {
  private EvalVariantRows() {}

  /** Replaces the index rows of run {@code runId} by the variants of {@code report} (or none). */
  static void replace(Handle h, String runId, String project, RunReport report) {
    h.createUpdate("DELETE FROM eval_run_variants WHERE run_id = :run")
        .bind("run", runId)
        .execute();
    if (report == null || report.variants().isEmpty()) {
      return;
    }
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO eval_run_variants (run_id, variant, project, prompt, version, digest,"
                + " provider, baseline, cases, passed, errors, pass_rate, mean_score) VALUES"
                + " (:run, :variant, :project, :prompt, :version, :digest, :provider, :baseline,"
                + " :cases, :passed, :errors, :passRate, :meanScore)");
    for (VariantSummary s : report.variants()) {
      batch
          .bind("run", runId)
          .bind("variant", s.variant())
          .bind("project", project)
          .bind("prompt", s.prompt())
          .bind("version", s.version())
          .bind("digest", s.digest())
          .bind("provider", s.provider())
          .bind("baseline", EvalRows.flag(s.baseline()))
          .bind("cases", s.cases())
          .bind("passed", s.passed())
          .bind("errors", s.errors())
          .bind("passRate", s.passRate())
          .bind("meanScore", s.meanScore())
          .add();
    }
    batch.execute();
  }
}
