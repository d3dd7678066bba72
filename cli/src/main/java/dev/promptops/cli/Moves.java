package dev.promptops.cli;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.registry.DeployOutcome;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.wire.Wire;

/**
 * What the pin moves share besides their options ({@link MoveOptions}): parsing {@code --expect}
 * and printing an outcome.
 */
final class Moves {
  private Moves() {}

  /** The version {@code --expect} names: a number, or {@code none} for nothing pinned. */
  record Expectation(Integer version) {
    static Expectation parse(String text) {
      if (text.equals("none")) {
        return new Expectation(null);
      }
      try {
        int v = Integer.parseInt(text);
        if (v >= 1) {
          return new Expectation(v);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new InvalidInputException(
          "invalid_expect",
          "--expect takes a version number or 'none', not '" + text + "'",
          "e.g. --expect 3 (the version pinned now), or --expect none (nothing pinned yet)");
    }
  }

  static void print(Context ctx, boolean json, DeployOutcome o) {
    if (json) {
      ctx.json(Wire.outcome(o));
    } else {
      ctx.println(describe(o));
    }
  }

  /** e.g. "deployed support/reply@3 to staging (was v2; deployment #7)". */
  static String describe(DeployOutcome o) {
    Deployment d = o.deployment();
    if (d == null) {
      String at = o.version() == null ? "nothing" : "v" + o.version();
      return o.prompt() + ": " + o.target() + " already points to " + at + "; nothing changed";
    }
    String was = " (was " + Text.version(d.fromVersion()) + "; deployment #" + d.id() + ")";
    String version = o.prompt() + "@" + d.toVersion();
    return switch (d.kind()) {
      case DEPLOY -> "deployed " + version + " to " + o.target() + was;
      case PROMOTE -> "promoted " + version + " to " + o.target() + was;
      case ROLLBACK -> "rolled " + o.target() + " back to " + version + was;
      case UNPIN -> "removed label " + o.target() + " from " + o.prompt() + was;
    };
  }
}
