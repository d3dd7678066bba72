package dev.promptops.core;

import com.fasterxml.jackson.databind.JsonNode;

/** The request conflicts with the current state; {@link #details()} carries that state. */
public final class ConflictException extends PromptOpsException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String code, String message, String hint, JsonNode current) {
    super(ErrorKind.CONFLICT, code, message, hint, current, null);
  }
}
