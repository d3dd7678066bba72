package dev.promptops.server.api;

import static dev.promptops.server.http.Route.get;
import static dev.promptops.server.http.Route.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.eval.runs.RegisteredSuite;
import dev.promptops.core.json.Json;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.util.List;

/** Eval suites registered with the server by name (the evals policies require). */
final class SuiteRoutes {
  private static final String SUITES = ProjectRoutes.PROJECT + "/suites";

  private SuiteRoutes() {}

  static List<Route> routes(Services s) {
    return List.of(
        get(
            SUITES,
            Access.project(Permission.READ),
            "Registered eval suites",
            call -> {
              ObjectNode body = Json.object();
              var items = body.putArray("suites");
              s.suites()
                  .list(call.principal(), call.param("project"))
                  .forEach(x -> items.add(summary(x)));
              return Reply.ok(body);
            }),
        get(
            SUITES + "/{suite}",
            Access.project(Permission.READ),
            "A registered eval suite",
            call -> {
              var x = s.suites().get(call.principal(), call.param("project"), call.param("suite"));
              ObjectNode body = summary(x);
              body.set("suite", x.suite());
              return Reply.ok(body);
            }),
        put(
            SUITES + "/{suite}",
            Access.project(Permission.EDIT),
            "Register an eval suite (self-contained) under a name",
            call -> {
              ObjectNode b = call.json();
              if (!(b.get("suite") instanceof ObjectNode suite)) {
                throw new InvalidInputException(
                    "missing_suite",
                    "the body has no 'suite' object",
                    "send {\"suite\": {\"prompts\": [\"name\"], \"cases\": [...]}}");
              }
              var outcome =
                  s.suites()
                      .put(call.principal(), call.param("project"), call.param("suite"), suite);
              ObjectNode body = summary(outcome.suite());
              body.put("changed", outcome.changed());
              return Reply.ok(body);
            }));
  }

  private static ObjectNode summary(RegisteredSuite x) {
    ObjectNode n = Json.object();
    n.put("name", x.name());
    n.put("digest", x.digest());
    n.put("updatedAt", x.updatedAt().toString());
    n.put("updatedBy", x.updatedBy());
    return n;
  }
}
