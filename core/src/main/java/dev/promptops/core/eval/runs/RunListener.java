package dev.promptops.core.eval.runs;

import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.store.Tx;

/** Told when a server run ends, inside the transaction that stores its end. */
@FunctionalInterface
public interface RunListener {
  /**
   * @param report the run's report, null for a failed run
   */
  void ended(Tx tx, EvalRun run, EvalStatus status, RunReport report);

  RunListener NONE = (tx, run, status, report) -> {};

  /** This listener, then {@code next}. */
  default RunListener andThen(RunListener next) {
    return (tx, run, status, report) -> {
      ended(tx, run, status, report);
      next.ended(tx, run, status, report);
    };
  }

  /**
   * Audits each run's end as {@code eval.finish} (actor {@code promptops}): its suite and digest,
   * status, gate verdict, and the versions it tested; webhooks send it as {@code eval.completed}.
   */
  static RunListener audited(dev.promptops.core.audit.AuditLog audit, java.time.Clock clock) {
    return (tx, run, status, report) -> {
      var details = dev.promptops.core.json.Json.object();
      details.put("suite", run.suiteName());
      details.put("suiteDigest", run.suiteDigest());
      details.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
      if (report != null) {
        details.put("gatePassed", report.gate().pass());
        var tested = details.putArray("variants");
        for (var v : report.variants()) {
          tested
              .addObject()
              .put("variant", v.variant())
              .put("prompt", v.prompt())
              .put("version", v.version())
              .put("digest", v.digest())
              .put("passRate", v.cases() == 0 ? 0 : (double) v.passed() / v.cases());
        }
      }
      audit.append(
          tx,
          clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
          "promptops",
          "eval.finish",
          run.project(),
          run.id(),
          details);
    };
  }
}
