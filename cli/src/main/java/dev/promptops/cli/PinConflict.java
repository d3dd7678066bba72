package dev.promptops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.wire.Wire;

/** Describes the state a lost compare-and-set (409 {@code pin_changed}) reports in its details. */
final class PinConflict {
  private PinConflict() {}

  /** One line of current state, or null when the error is not a pin conflict with details. */
  static String describe(PromptOpsException e) {
    JsonNode d = e.details();
    if (e.kind() != ErrorKind.CONFLICT || d == null || !d.has("target")) {
      return null;
    }
    String target = d.path("target").asText();
    String prompt = d.path("prompt").asText();
    var line = new StringBuilder();
    if (d.hasNonNull("currentVersion")) {
      line.append(target)
          .append(" points to ")
          .append(prompt)
          .append('@')
          .append(d.get("currentVersion").asInt());
      if (d.hasNonNull("currentDigest")) {
        line.append(" (").append(Text.shortDigest(d.get("currentDigest").asText())).append(')');
      }
    } else {
      line.append("nothing of ").append(prompt).append(" is pinned at ").append(target);
    }
    if (d.hasNonNull("lastDeployment") && d.get("lastDeployment").isObject()) {
      line.append("; last moved ").append(lastMove(Wire.deployment(d.get("lastDeployment"))));
    }
    return line.toString();
  }

  private static String lastMove(Deployment last) {
    String reason = last.reason() == null || last.reason().isEmpty() ? "" : ": " + last.reason();
    return "by "
        + last.actor()
        + " at "
        + Text.time(last.at())
        + " ("
        + last.kind().wireName()
        + " "
        + Text.version(last.fromVersion())
        + " -> "
        + Text.version(last.toVersion())
        + reason
        + ")";
  }
}
