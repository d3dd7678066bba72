package dev.promptops.server.api;

import static dev.promptops.server.http.Route.get;
import static dev.promptops.server.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.DeployOutcome;
import dev.promptops.core.registry.Selector;
import dev.promptops.core.registry.TargetKind;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Call;
import dev.promptops.server.http.Fields;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.util.List;
import java.util.Optional;

/** Pins, the deployment ledger, and the moves: deploy, promote, rollback, unpin. */
final class DeploymentRoutes {
  private static final String EXPECTED_HINT =
      "send \"expectedVersion\": the version you believe is pinned now (null if none);"
          + " read it from GET .../-/pins";
  private static final int DEFAULT_HISTORY = 100;

  private DeploymentRoutes() {}

  static List<Route> routes(Services s) {
    String prompt = PromptRoutes.PROMPT;
    Access deploy = Access.project(Permission.DEPLOY);
    return List.of(
        get(
            prompt + "/-/pins",
            Access.project(Permission.READ),
            "Where each environment and label points",
            call -> pins(s, call)),
        get(
            prompt + "/-/history",
            Access.project(Permission.READ),
            "The deployment ledger of a prompt, newest first",
            call -> history(s, call)),
        post(
            prompt + "/-/deploy",
            deploy,
            "Pin a version to an environment or label",
            call -> deploy(s, call)),
        post(
            prompt + "/-/promote",
            deploy,
            "Pin the version of one environment to a later one",
            call -> {
              ObjectNode b = call.json();
              return outcome(
                  s.deployments()
                      .promote(
                          call.principal(),
                          PromptRoutes.project(call),
                          PromptRoutes.name(call),
                          Fields.text(b, "from"),
                          Fields.text(b, "to"),
                          expected(b),
                          Fields.optText(b, "reason").orElse("")));
            }),
        post(
            prompt + "/-/rollback",
            deploy,
            "Pin an earlier version to an environment",
            call -> {
              ObjectNode b = call.json();
              return outcome(
                  s.deployments()
                      .rollback(
                          call.principal(),
                          PromptRoutes.project(call),
                          PromptRoutes.name(call),
                          Fields.text(b, "env"),
                          Fields.optInteger(b, "toVersion").orElse(null),
                          expected(b),
                          Fields.optText(b, "reason").orElse("")));
            }),
        post(
            prompt + "/-/unpin",
            deploy,
            "Remove a free label",
            call -> {
              ObjectNode b = call.json();
              return outcome(
                  s.deployments()
                      .unpin(
                          call.principal(),
                          PromptRoutes.project(call),
                          PromptRoutes.name(call),
                          Fields.text(b, "label"),
                          expected(b),
                          Fields.optText(b, "reason").orElse("")));
            }));
  }

  private static Reply pins(Services s, Call call) {
    String project = PromptRoutes.project(call);
    String name = PromptRoutes.name(call);
    var pins = s.deployments().pins(call.principal(), project, name);
    var latest =
        s.versions().resolve(call.principal(), project, name, new Selector.Label("latest"));
    ObjectNode body = Json.object();
    body.put("prompt", name);
    body.put("latestVersion", latest.version().version());
    body.set("pins", Wire.array(pins, Wire::pin));
    return Reply.ok(body);
  }

  private static Reply history(Services s, Call call) {
    Optional<String> env = call.query("env");
    Optional<String> label = call.query("label");
    if (env.isPresent() && label.isPresent()) {
      throw new InvalidInputException(
          "ambiguous_selector", "give env or label, not both", "filter by one target at a time");
    }
    String target = env.or(() -> label).orElse(null);
    int limit = call.queryInt("limit").orElse(DEFAULT_HISTORY);
    var ledger =
        s.deployments()
            .history(
                call.principal(),
                PromptRoutes.project(call),
                PromptRoutes.name(call),
                target,
                limit);
    ObjectNode body = Json.object();
    body.set("deployments", Wire.array(ledger, Wire::deployment));
    return Reply.ok(body);
  }

  private static Reply deploy(Services s, Call call) {
    ObjectNode b = call.json();
    Optional<String> env = Fields.optText(b, "env");
    Optional<String> label = Fields.optText(b, "label");
    if (env.isPresent() == label.isPresent()) {
      throw new InvalidInputException(
          "missing_target",
          env.isPresent() ? "give env or label, not both" : "the body names no env or label",
          "send \"env\": \"staging\" to deploy to an environment, or \"label\": \"canary\"");
    }
    return outcome(
        s.deployments()
            .deploy(
                call.principal(),
                PromptRoutes.project(call),
                PromptRoutes.name(call),
                env.isPresent() ? TargetKind.ENVIRONMENT : TargetKind.LABEL,
                env.or(() -> label).orElseThrow(),
                Fields.integer(b, "version"),
                expected(b),
                Fields.optText(b, "reason").orElse(""),
                Fields.flag(b, "breakGlass", false)));
  }

  private static Integer expected(ObjectNode body) {
    return Fields.requiredNullableInteger(body, "expectedVersion", EXPECTED_HINT);
  }

  private static Reply outcome(DeployOutcome outcome) {
    return Reply.ok(Wire.outcome(outcome));
  }
}
