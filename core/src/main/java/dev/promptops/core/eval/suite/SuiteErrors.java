package dev.promptops.core.eval.suite;

import dev.promptops.core.InvalidInputException;

/** The errors of suite reading, each with a stable code. Messages start with where it happened. */
final class SuiteErrors {
  /** A suite, config or case file that is malformed (a wrong type, a missing field, a typo). */
  static final String INVALID = "invalid_suite";

  /** A promptfoo feature PromptOps cannot run (a script, a provider, a Nunjucks filter). */
  static final String UNSUPPORTED = "unsupported_feature";

  /** A file the suite names that cannot be read. */
  static final String UNREADABLE = "unreadable_file";

  /** A case file that changed between reading the suite and running it. */
  static final String CHANGED = "case_file_changed";

  private SuiteErrors() {}

  static InvalidInputException invalid(String where, String what, String hint) {
    return new InvalidInputException(INVALID, where + ": " + what, hint);
  }

  static InvalidInputException unsupported(String where, String what, String hint) {
    return new InvalidInputException(UNSUPPORTED, where + ": " + what, hint);
  }

  static InvalidInputException unreadable(String file, Exception e) {
    return new InvalidInputException(
        UNREADABLE,
        file + ": cannot be read (" + e.getMessage() + ")",
        "check that the file exists and can be read; paths are relative to the suite file",
        e);
  }
}
