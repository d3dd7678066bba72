package dev.promptops.providers.mock;

/** A request the mock refuses with 400 (or another status), in the protocol's error format. */
final class BadRequest extends Exception {
  private static final long serialVersionUID = 1L;

  private final Failure failure;

  BadRequest(String message) {
    this(Failure.BAD_REQUEST, message);
  }

  BadRequest(Failure failure, String message) {
    super(message, null, false, false);
    this.failure = failure;
  }

  Failure failure() {
    return failure;
  }
}
