package dev.promptops.providers.mock;

/** The errors the mock answers, each protocol writing them in its own format. */
enum Failure {
  BAD_REQUEST(400),
  UNAUTHORIZED(401),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  TOO_LARGE(413),
  RATE_LIMITED(429),
  SERVER_ERROR(500),
  TIMEOUT(504);

  final int status;

  Failure(int status) {
    this.status = status;
  }
}
