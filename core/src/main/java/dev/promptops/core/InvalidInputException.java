package dev.promptops.core;

/** The input is malformed: a bad name, a missing field, a value of the wrong type. */
public final class InvalidInputException extends PromptOpsException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String code, String message, String hint) {
    super(ErrorKind.INVALID, code, message, hint);
  }

  public InvalidInputException(String code, String message, String hint, Throwable cause) {
    super(ErrorKind.INVALID, code, message, hint, null, cause);
  }
}
