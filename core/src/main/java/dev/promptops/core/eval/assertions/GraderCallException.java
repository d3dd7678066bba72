package dev.promptops.core.eval.assertions;

import dev.promptops.core.eval.Graders;
import java.util.function.Supplier;

/**
 * Carries a failure of a {@link Graders} call past the safety net of {@link Assertions#evaluate},
 * which rethrows the original: a failing embeddings provider or judge is an errored case for the
 * engine, not a failed assertion.
 */
final class GraderCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private GraderCallException(RuntimeException cause) {
    super(cause.getMessage(), cause, false, false);
  }

  /** The original failure. */
  RuntimeException original() {
    return (RuntimeException) getCause();
  }

  /** Calls a grader, marking what it throws. */
  static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw new GraderCallException(e);
    }
  }
}
