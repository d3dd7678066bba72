package dev.promptops.cli;

import dev.promptops.core.ErrorKind;

/**
 * The exit codes of {@code promptops}, documented here and in the README and kept stable: scripts
 * and CI pipelines depend on them. Every error maps to one of them here and nowhere else.
 */
final class ExitCodes {
  /** The command did what was asked. */
  static final int OK = 0;

  /** A check ran and failed: lint errors, a broken audit chain (later: eval gates, drift). */
  static final int CHECK_FAILED = 1;

  /** Bad arguments, or a request the server rejected as wrong. */
  static final int USAGE = 2;

  /** The server could not be reached, or failed. */
  static final int SERVER = 3;

  private ExitCodes() {}

  static int of(ErrorKind kind) {
    return switch (kind) {
      case INVALID,
          NOT_FOUND,
          CONFLICT,
          UNPROCESSABLE,
          TOO_LARGE,
          UNAUTHENTICATED,
          PERMISSION_DENIED ->
          USAGE;
      case UNAVAILABLE, INTERNAL -> SERVER;
    };
  }
}
