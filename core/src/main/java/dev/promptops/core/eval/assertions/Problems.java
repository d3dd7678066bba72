package dev.promptops.core.eval.assertions;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.AssertionSpec;

/**
 * The {@code invalid_assertion} errors of {@link Assertions#check}: what is wrong, and an example.
 */
final class Problems {
  static final String CODE = "invalid_assertion";

  private Problems() {}

  /**
   * An error naming the assertion as written.
   *
   * @param what what is wrong, e.g. {@code needs a value: the text the output must contain}
   * @param example the rest of a correct assertion in flow YAML, e.g. {@code value: refund}
   */
  static InvalidInputException invalid(AssertionSpec spec, String what, String example) {
    return new InvalidInputException(
        CODE,
        "assertion " + spec.displayType() + ": " + what,
        "for example " + example(spec, example));
  }

  /** {@code {type: not-contains, value: sorry}}. */
  static String example(AssertionSpec spec, String rest) {
    return "{type: " + spec.displayType() + (rest.isEmpty() ? "" : ", " + rest) + "}";
  }
}
