package dev.promptops.core.provider;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import java.time.Duration;

/**
 * A provider call that failed. {@link #retryable()} says whether trying again may help (rate
 * limits, server errors, timeouts); {@link #retryAfter()} is what the provider asked to wait
 * ({@code Retry-After}), or null.
 */
public final class ProviderException extends PromptOpsException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Failure {
    RATE_LIMITED,
    SERVER_ERROR,
    TIMEOUT,
    UNREACHABLE,
    BAD_RESPONSE,
    BAD_REQUEST,
    UNAUTHORIZED,
    UNSUPPORTED
  }

  private final Failure failure;
  private final int status;
  private final transient Duration retryAfter;

  public ProviderException(
      Failure failure,
      int status,
      Duration retryAfter,
      String message,
      String hint,
      Throwable cause) {
    super(kindOf(failure), code(failure), message, hint, null, cause);
    this.failure = failure;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public ProviderException(Failure failure, String message, String hint) {
    this(failure, 0, null, message, hint, null);
  }

  public Failure failure() {
    return failure;
  }

  /** The HTTP status the provider answered, or 0. */
  public int status() {
    return status;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public boolean retryable() {
    return switch (failure) {
      case RATE_LIMITED, SERVER_ERROR, TIMEOUT, UNREACHABLE, BAD_RESPONSE -> true;
      case BAD_REQUEST, UNAUTHORIZED, UNSUPPORTED -> false;
    };
  }

  private static ErrorKind kindOf(Failure failure) {
    return switch (failure) {
      case BAD_REQUEST, UNSUPPORTED -> ErrorKind.INVALID;
      case UNAUTHORIZED -> ErrorKind.PERMISSION_DENIED;
      default -> ErrorKind.UNAVAILABLE;
    };
  }

  private static String code(Failure failure) {
    return "provider_" + failure.name().toLowerCase(java.util.Locale.ROOT);
  }
}
