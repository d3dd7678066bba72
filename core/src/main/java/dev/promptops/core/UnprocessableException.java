package dev.promptops.core;

/** Well-formed input whose content cannot be accepted, e.g. a prompt file that does not parse. */
public class UnprocessableException extends PromptOpsException {
  private static final long serialVersionUID = 1L;

  public UnprocessableException(String code, String message, String hint) {
    super(ErrorKind.UNPROCESSABLE, code, message, hint);
  }

  public UnprocessableException(String code, String message, String hint, Throwable cause) {
    super(ErrorKind.UNPROCESSABLE, code, message, hint, null, cause);
  }
}
