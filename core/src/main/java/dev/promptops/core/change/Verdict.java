package dev.promptops.core.change;

import dev.promptops.core.InvalidInputException;
import java.util.Locale;

/** What a reviewer says of a change request. */
public enum Verdict {
  APPROVE,
  REQUEST_CHANGES;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Verdict parse(String s) {
    for (Verdict v : values()) {
      if (v.wireName().equals(s)) {
        return v;
      }
    }
    throw new InvalidInputException(
        "invalid_verdict", "not a verdict: '" + s + "'", "use approve or request_changes");
  }
}
