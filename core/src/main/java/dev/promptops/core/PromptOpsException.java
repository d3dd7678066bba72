package dev.promptops.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The root of every error PromptOps reports to a user. The message says what failed and on which
 * input; the hint says what to do about it. The kind decides the HTTP status and the CLI exit code,
 * each mapped in one place.
 */
public class PromptOpsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final String code;
  private final String hint;
  private final transient JsonNode details;

  public PromptOpsException(ErrorKind kind, String code, String message, String hint) {
    this(kind, code, message, hint, null, null);
  }

  public PromptOpsException(
      ErrorKind kind, String code, String message, String hint, JsonNode details, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
    this.hint = hint == null ? "" : hint;
    this.details = details;
  }

  public ErrorKind kind() {
    return kind;
  }

  /** A stable, machine-readable code such as {@code prompt_not_found}. */
  public String code() {
    return code;
  }

  /** What the user can do about it; empty when there is nothing useful to say. */
  public String hint() {
    return hint;
  }

  /** Extra structured data, e.g. the current state after a lost compare-and-set; may be null. */
  public JsonNode details() {
    return details;
  }
}
