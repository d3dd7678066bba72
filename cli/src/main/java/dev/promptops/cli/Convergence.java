package dev.promptops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.drift.DriftRules;
import dev.promptops.core.registry.DeployOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --wait-confirmed [--timeout 2m]}: after a move to an environment, waits until every
 * running instance that serves the prompt there serves the new digest (the server's deployment
 * confirmation), and fails naming the instances that lag when it does not come in time.
 */
final class Convergence {
  static final Duration POLL = Duration.ofMillis(500);

  @Option(
      names = "--wait-confirmed",
      description =
          "wait until every running instance serves the new version (drift confirmation);"
              + " exit 1 after --timeout (default 2m), naming the instances that lag")
  private boolean wait;

  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  boolean requested() {
    return wait;
  }

  /** The outcome of a wait: the last confirmation read, and whether it is confirmed. */
  record Result(JsonNode confirmation, boolean confirmed, String message) {}

  Result await(
      PromptOpsClient client, String project, DeployOutcome outcome, String env, Duration limit) {
    JsonNode c = first(client, project, outcome, env);
    Instant deadline = Instant.now().plus(limit);
    while (true) {
      String state = c.path("state").asText();
      if (state.equals("confirmed")) {
        return new Result(c, true, confirmedText(c));
      }
      if (state.equals("superseded")) {
        return new Result(
            c,
            false,
            "deployment #"
                + c.path("deploymentId").asLong()
                + " was superseded: another deployment moved "
                + env
                + " before every instance converged");
      }
      if (!Instant.now().isBefore(deadline)) {
        return new Result(c, false, laggingText(c, limit));
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result(c, false, laggingText(c, limit));
      }
      c = client.confirmation(project, c.path("deploymentId").asLong());
    }
  }

  private static JsonNode first(
      PromptOpsClient client, String project, DeployOutcome outcome, String env) {
    if (outcome.deployment() != null) {
      return client.confirmation(project, outcome.deployment().id());
    }
    // nothing moved: wait for the deployment that pinned what is there now
    JsonNode list = client.confirmations(project, outcome.prompt(), env, 1).path("confirmations");
    if (list.isEmpty() || list.get(0).path("version").asInt() != outcome.version()) {
      throw new InvalidInputException(
          "nothing_to_confirm",
          outcome.prompt() + " in " + env + " has no tracked deployment of v" + outcome.version(),
          "only deployments to an environment are confirmed; deploy it, then wait");
    }
    return list.get(0);
  }

  static String confirmedText(JsonNode c) {
    List<String> converged = strings(c.path("converged"));
    return "confirmed: "
        + converged.size()
        + (converged.size() == 1 ? " instance serves " : " instances serve ")
        + c.path("prompt").asText()
        + "@"
        + c.path("version").asInt()
        + " ("
        + DriftRules.shortDigest(c.path("digest").asText())
        + ") in "
        + c.path("environment").asText()
        + ", "
        + c.path("tookMillis").asLong()
        + " ms after the deployment: "
        + String.join(", ", converged);
  }

  static String laggingText(JsonNode c, Duration waited) {
    String what = c.path("prompt").asText() + "@" + c.path("version").asInt();
    String env = c.path("environment").asText();
    var lines = new ArrayList<String>();
    JsonNode lagging = c.path("lagging");
    if (lagging.isEmpty() && c.path("converged").isEmpty()) {
      lines.add(
          "not confirmed after "
              + waited.toSeconds()
              + " s: no running instance has reported serving "
              + c.path("prompt").asText()
              + " in "
              + env
              + " yet (instances report through the Java SDK; see docs/drift.md)");
      return String.join("\n", lines);
    }
    lines.add(
        "not confirmed after "
            + waited.toSeconds()
            + " s: "
            + lagging.size()
            + " of "
            + (lagging.size() + c.path("converged").size())
            + " instances do not serve "
            + what
            + " in "
            + env
            + " yet:");
    for (JsonNode l : lagging) {
      String serves =
          (l.path("version").isInt() ? "v" + l.path("version").asInt() + " " : "")
              + DriftRules.shortDigest(l.path("digest").asText());
      lines.add(
          "  "
              + l.path("instance").asText()
              + " serves "
              + serves
              + (l.path("fallback").asBoolean()
                  ? " from its snapshot (it cannot reach the server)"
                  : ""));
    }
    lines.add("see promptops drift --env " + env + " for incidents");
    return String.join("\n", lines);
  }

  private static List<String> strings(JsonNode array) {
    var out = new ArrayList<String>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The outcome's JSON with the confirmation beside it. */
  static ObjectNode withConfirmation(ObjectNode outcome, Result r) {
    outcome.set("confirmation", r.confirmation());
    outcome.put("confirmed", r.confirmed());
    return outcome;
  }
}
