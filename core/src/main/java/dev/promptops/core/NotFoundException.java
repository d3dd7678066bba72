package dev.promptops.core;

/** Something the request names does not exist. */
public final class NotFoundException extends PromptOpsException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String code, String message, String hint) {
    super(ErrorKind.NOT_FOUND, code, message, hint);
  }
}
