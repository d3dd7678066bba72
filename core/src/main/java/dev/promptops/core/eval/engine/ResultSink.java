package dev.promptops.core.eval.engine;

import dev.promptops.core.eval.CaseResult;

/**
 * Where a run's results go as they arrive (a JSON Lines file, the server's database). Called from
 * many threads; implementations serialize writes themselves.
 */
public interface ResultSink extends AutoCloseable {
  void accept(CaseResult result);

  /** Makes everything accepted so far durable (called when a run stops or is interrupted). */
  void flush();

  @Override
  void close();

  /** A sink that keeps nothing. */
  static ResultSink discard() {
    return new ResultSink() {
      @Override
      public void accept(CaseResult result) {}

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
