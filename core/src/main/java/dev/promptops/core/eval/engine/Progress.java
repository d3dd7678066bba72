package dev.promptops.core.eval.engine;

import dev.promptops.core.eval.CaseResult;

/** Told about a run as it goes; called from many threads, must be quick. */
public interface Progress {

  /**
   * The run starts.
   *
   * @param total case runs planned (cases × variants × repeats), or -1 when the suite's size is not
   *     known up front
   * @param skipped case runs already done (a resumed run)
   */
  void start(long total, long skipped);

  /** One case run finished. */
  void result(CaseResult result);

  /** The run ended (finished, or stopped). */
  void finish();

  static Progress none() {
    return new Progress() {
      @Override
      public void start(long total, long skipped) {}

      @Override
      public void result(CaseResult result) {}

      @Override
      public void finish() {}
    };
  }
}
