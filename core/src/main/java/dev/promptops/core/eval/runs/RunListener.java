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
}
