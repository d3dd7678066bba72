package dev.promptops.core.registry;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.names.Names;

/**
 * A reference to a prompt version as users write it: {@code name} (the default environment), {@code
 * name:ENV_OR_LABEL}, or {@code name@VERSION}.
 */
public record Ref(String prompt, Selector selector) {

  public Ref {
    Names.prompt(prompt);
  }

  public static Ref parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text);
    }
    int at = text.lastIndexOf('@');
    int colon = text.lastIndexOf(':');
    if (at >= 0 && colon >= 0) {
      throw new InvalidInputException(
          "invalid_ref",
          "'" + text + "' names both a version and an environment",
          "write name@VERSION or name:ENV, never both");
    }
    if (at >= 0) {
      return new Ref(text.substring(0, at), new Selector.Version(version(text, at)));
    }
    if (colon >= 0) {
      return new Ref(text.substring(0, colon), new Selector.Target(text.substring(colon + 1)));
    }
    return new Ref(text, new Selector.Default());
  }

  private static int version(String text, int at) {
    String digits = text.substring(at + 1);
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw invalid(text);
    }
  }

  private static InvalidInputException invalid(String text) {
    return new InvalidInputException(
        "invalid_ref",
        "not a prompt reference: '" + text + "'",
        "write name, name:ENV (an environment or label) or name@VERSION, e.g. support/reply@3");
  }

  @Override
  public String toString() {
    return prompt + selector.suffix();
  }
}
