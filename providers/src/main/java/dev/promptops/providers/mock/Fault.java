package dev.promptops.providers.mock;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A failure the mock injects instead of an answer, in the protocol's own error format.
 *
 * @param retryAfter for {@link Kind#RATE_LIMIT}: the {@code Retry-After} header (whole seconds)
 * @param hold for {@link Kind#TIMEOUT}: how long the request is held before the mock gives up with
 *     a 504; null for the server's {@link MockLlmConfig#maxHold()}
 */
public record Fault(Kind kind, Duration retryAfter, Duration hold) {

  /** Default {@code Retry-After} of a rate limit. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  /** What goes wrong. */
  public enum Kind {
    /** 429 with {@code Retry-After} and the provider's rate-limit error body. */
    RATE_LIMIT,
    /** 500 with the provider's server-error body. */
    SERVER_ERROR,
    /** No answer: the request is held past the client's timeout (bounded; released on close). */
    TIMEOUT,
    /** 200 with a body cut in half: JSON that does not parse, or an SSE stream that breaks off. */
    MALFORMED,
    /** 401 with the provider's authentication error body. */
    UNAUTHORIZED;

    /** The name in rules files: {@code rate_limit}, {@code server_error}, … */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Fault {
    Objects.requireNonNull(kind, "kind");
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter is negative: " + retryAfter);
    }
    if (kind == Kind.RATE_LIMIT && retryAfter == null) {
      retryAfter = DEFAULT_RETRY_AFTER;
    }
  }

  public static Fault rateLimit() {
    return new Fault(Kind.RATE_LIMIT, DEFAULT_RETRY_AFTER, null);
  }

  public static Fault rateLimit(Duration retryAfter) {
    return new Fault(Kind.RATE_LIMIT, retryAfter, null);
  }

  public static Fault serverError() {
    return new Fault(Kind.SERVER_ERROR, null, null);
  }

  /** Holds the request for the server's {@link MockLlmConfig#maxHold()}. */
  public static Fault timeout() {
    return new Fault(Kind.TIMEOUT, null, null);
  }

  public static Fault timeout(Duration hold) {
    return new Fault(Kind.TIMEOUT, null, hold);
  }

  public static Fault malformed() {
    return new Fault(Kind.MALFORMED, null, null);
  }

  public static Fault unauthorized() {
    return new Fault(Kind.UNAUTHORIZED, null, null);
  }

  /** The {@code Retry-After} header value: whole seconds, rounded up. */
  long retryAfterSeconds() {
    long ms = retryAfter == null ? 0 : retryAfter.toMillis();
    return (ms + 999) / 1000;
  }
}
