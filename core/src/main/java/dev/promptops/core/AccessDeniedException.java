package dev.promptops.core;

/** Missing or invalid credentials, or credentials without the role the action needs. */
public final class AccessDeniedException extends PromptOpsException {
  private static final long serialVersionUID = 1L;

  private AccessDeniedException(ErrorKind kind, String code, String message, String hint) {
    super(kind, code, message, hint);
  }

  public static AccessDeniedException unauthenticated(String message, String hint) {
    return new AccessDeniedException(ErrorKind.UNAUTHENTICATED, "unauthenticated", message, hint);
  }

  public static AccessDeniedException forbidden(String message, String hint) {
    return new AccessDeniedException(ErrorKind.PERMISSION_DENIED, "forbidden", message, hint);
  }
}
