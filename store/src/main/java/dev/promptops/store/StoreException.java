package dev.promptops.store;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;

/**
 * A storage failure: the database could not be reached, a statement failed, or a migration did not
 * apply. Its kind is {@link ErrorKind#INTERNAL}; the message says which operation failed and why,
 * and the cause carries the driver's exception.
 */
public final class StoreException extends PromptOpsException {
  private static final long serialVersionUID = 1L;

  /** The code every storage failure carries. */
  public static final String CODE = "storage_error";

  StoreException(String message, String hint, Throwable cause) {
    super(ErrorKind.INTERNAL, CODE, message, hint, null, cause);
  }

  /** A failure of {@code operation}, e.g. "insert version support/reply@3 of project shop". */
  static StoreException failed(String operation, Throwable cause) {
    return new StoreException(
        "storage failed to " + operation + ": " + rootMessage(cause),
        "check that the database is reachable and not full; the server log has the details",
        cause);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.strip();
  }
}
