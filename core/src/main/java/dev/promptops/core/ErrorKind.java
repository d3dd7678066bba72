package dev.promptops.core;

/** The closed set of error categories; the server maps each to one HTTP status. */
public enum ErrorKind {
  /** The request is malformed or names something invalid (HTTP 400). */
  INVALID,
  /** No credentials, or credentials that are not valid (HTTP 401). */
  UNAUTHENTICATED,
  /** Valid credentials without the needed role (HTTP 403). */
  PERMISSION_DENIED,
  /** The named thing does not exist (HTTP 404). */
  NOT_FOUND,
  /** The request conflicts with the current state, e.g. a lost compare-and-set (HTTP 409). */
  CONFLICT,
  /** The request body is larger than the configured limit (HTTP 413). */
  TOO_LARGE,
  /**
   * Content that is well-formed but cannot be accepted, e.g. a prompt that does not parse (422).
   */
  UNPROCESSABLE,
  /** A failure inside PromptOps or its storage (HTTP 500). */
  INTERNAL,
  /** The server cannot be reached or is shutting down (HTTP 503; the CLI's network errors). */
  UNAVAILABLE
}
