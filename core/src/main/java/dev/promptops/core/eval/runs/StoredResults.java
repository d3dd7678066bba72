package dev.promptops.core.eval.runs;

import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.store.EvalRepository.StoredResult;
import dev.promptops.core.store.Store;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The stored results of a run read page by page, one read transaction per page. */
public final class StoredResults implements ResultReader {
  static final int PAGE = 500;

  private final Store store;
  private final String runId;

  public StoredResults(Store store, String runId) {
    this.store = store;
    this.runId = runId;
  }

  @Override
  public Iterator<CaseResult> open() {
    return new Iterator<>() {
      private long after;
      private List<StoredResult> page = List.of();
      private int next;
      private boolean last;

      @Override
      public boolean hasNext() {
        if (next < page.size()) {
          return true;
        }
        if (last) {
          return false;
        }
        page = store.read(tx -> tx.evals().results(runId, after, PAGE, false, null));
        next = 0;
        last = page.size() < PAGE;
        if (!page.isEmpty()) {
          after = page.getLast().seq();
        }
        return !page.isEmpty();
      }

      @Override
      public CaseResult next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.get(next++).result();
      }
    };
  }
}
