package dev.promptops.core.eval.runs;

import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.engine.ResultSink;
import dev.promptops.core.store.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * Results of a server run written to the database in batches of {@value #BATCH} (and on {@link
 * #flush()}), one write transaction per batch, so a run of 100 000 cases is a few hundred small
 * transactions and memory holds one batch at most.
 */
public final class StoreResultSink implements ResultSink {
  static final int BATCH = 200;

  private final Store store;
  private final String runId;
  private final List<CaseResult> pending = new ArrayList<>();

  public StoreResultSink(Store store, String runId) {
    this.store = store;
    this.runId = runId;
  }

  @Override
  public void accept(CaseResult result) {
    List<CaseResult> batch = null;
    synchronized (this) {
      pending.add(result);
      if (pending.size() >= BATCH) {
        batch = List.copyOf(pending);
        pending.clear();
      }
    }
    if (batch != null) {
      write(batch);
    }
  }

  @Override
  public void flush() {
    List<CaseResult> batch;
    synchronized (this) {
      batch = List.copyOf(pending);
      pending.clear();
    }
    write(batch);
  }

  private void write(List<CaseResult> batch) {
    if (!batch.isEmpty()) {
      store.write(
          tx -> {
            tx.evals().appendResults(runId, batch);
            return null;
          });
    }
  }

  @Override
  public void close() {
    flush();
  }
}
