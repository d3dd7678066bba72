package dev.promptops.core.eval.report;

import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.ResultReader;
import java.io.IOException;
import java.util.Iterator;

/** One pass over a run's results, closing the reader's iterator however the pass ends. */
final class Results {
  private Results() {}

  /** What a pass does with each result; may write, so it may throw {@link IOException}. */
  @FunctionalInterface
  interface Action {
    void accept(CaseResult result) throws IOException;
  }

  static void forEach(ResultReader reader, Action action) throws IOException {
    Iterator<CaseResult> it = reader.open();
    Throwable failure = null;
    try {
      while (it.hasNext()) {
        action.accept(it.next());
      }
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      if (it instanceof AutoCloseable closeable) {
        close(closeable, failure);
      }
    }
  }

  private static void close(AutoCloseable closeable, Throwable failure) throws IOException {
    try {
      closeable.close();
    } catch (Exception e) {
      if (failure != null) {
        failure.addSuppressed(e);
      } else if (e instanceof IOException io) {
        throw io;
      } else if (e instanceof RuntimeException re) {
        throw re;
      } else {
        throw new IOException("could not close the results: " + e.getMessage(), e);
      }
    }
  }
}
