package dev.promptops.server.api;

import static dev.promptops.server.http.Route.get;
import static dev.promptops.server.http.Route.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.json.Json;
import dev.promptops.core.policy.Policies;
import dev.promptops.core.policy.PolicyJson;
import dev.promptops.core.policy.StoredPolicy;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Fields;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.util.List;

/** A project's environment policies: the one in force, its versions, and replacing it. */
final class PolicyRoutes {
  private static final String POLICIES = ProjectRoutes.PROJECT + "/policies";

  private PolicyRoutes() {}

  static List<Route> routes(Services s) {
    return List.of(
        get(
            POLICIES,
            Access.project(Permission.READ),
            "The environment policies in force",
            call ->
                Reply.ok(
                    PolicyJson.write(
                        s.policies().current(call.principal(), call.param("project"))))),
        get(
            POLICIES + "/history",
            Access.project(Permission.READ),
            "Versions of the environment policies, newest first",
            call -> {
              int limit = call.queryInt("limit").orElse(Policies.MAX_HISTORY);
              List<StoredPolicy> versions =
                  s.policies().history(call.principal(), call.param("project"), limit);
              ObjectNode body = Json.object();
              var list = body.putArray("versions");
              versions.forEach(v -> list.add(PolicyJson.write(v)));
              return Reply.ok(body);
            }),
        put(
            POLICIES,
            Access.project(Permission.ADMIN),
            "Replace the environment policies (a new version when they change)",
            call -> {
              ObjectNode b = call.json();
              JsonNode environments = b.get("environments");
              if (environments == null) {
                throw new InvalidInputException(
                    "missing_environments",
                    "the body has no 'environments' field",
                    "send {\"environments\": {\"production\": {\"after\": \"staging\"}}}, or"
                        + " {\"environments\": {}} for none");
              }
              var outcome =
                  s.policies()
                      .set(
                          call.principal(),
                          call.param("project"),
                          environments,
                          Fields.optText(b, "reason").orElse(""));
              ObjectNode body = PolicyJson.write(outcome.policy());
              body.put("changed", outcome.changed());
              return Reply.ok(body);
            }));
  }
}
