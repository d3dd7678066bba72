package dev.promptops.core.eval.assertions;

/**
 * A value refers to a variable the case does not have. Thrown while a value is substituted and
 * turned into a failed result by {@link Assertions#evaluate}; it never leaves the package.
 */
final class UnknownVariableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnknownVariableException(String message) {
    super(message, null, false, false);
  }
}
