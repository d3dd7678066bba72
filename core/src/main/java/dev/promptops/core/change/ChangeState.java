package dev.promptops.core.change;

import dev.promptops.core.InvalidInputException;
import java.util.Locale;

/**
 * Where a change request is. {@code OPEN} is the only state that moves: to {@code MERGED} (it was
 * deployed), {@code CLOSED} (its author or an admin withdrew it) or {@code SUPERSEDED} (a request
 * for a newer version of the same prompt and environment was opened).
 */
public enum ChangeState {
  OPEN,
  MERGED,
  CLOSED,
  SUPERSEDED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ChangeState parse(String s) {
    for (ChangeState state : values()) {
      if (state.wireName().equals(s)) {
        return state;
      }
    }
    throw new InvalidInputException(
        "invalid_state",
        "not a change request state: '" + s + "'",
        "use one of open, merged, closed, superseded");
  }
}
