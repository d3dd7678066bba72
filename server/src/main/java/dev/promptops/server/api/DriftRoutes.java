package dev.promptops.server.api;

import static dev.promptops.server.http.Route.get;
import static dev.promptops.server.http.Route.post;
import static dev.promptops.server.http.Route.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.drift.Drift;
import dev.promptops.core.drift.DriftSchedules;
import dev.promptops.core.json.Json;
import dev.promptops.core.wire.DriftWire;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Call;
import dev.promptops.server.http.Fields;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.time.Clock;
import java.util.List;

/**
 * Drift: instances report what they serve (any key that can read the project may report); the
 * project's live view, its incidents (acknowledged by deployers), the convergence of its
 * deployments, and its behavioural schedules.
 */
final class DriftRoutes {
  static final String DRIFT = ProjectRoutes.PROJECT + "/drift";
  static final String INCIDENT = DRIFT + "/incidents/{number}";
  private static final int DEFAULT_PAGE = 50;

  private DriftRoutes() {}

  static List<Route> routes(Services s) {
    Drift drift = s.drift();
    Access read = Access.project(Permission.READ);
    return List.of(
        post(
            DRIFT + "/reports",
            read,
            "Report what an instance served (the SDK sends these)",
            call -> {
              int accepted =
                  drift.report(
                      call.principal(),
                      project(call),
                      DriftWire.report(call.json(), Clock.systemUTC().instant()));
              return Reply.of(202, Json.object().put("accepted", accepted));
            }),
        get(
            DRIFT,
            read,
            "What is served now: live instances, what each serves, unresolved incidents",
            call ->
                Reply.ok(
                    DriftWire.status(
                        drift.status(
                            call.principal(), project(call), call.query("env").orElse(null))))),
        get(
            DRIFT + "/incidents",
            read,
            "Drift incidents, newest first (?state=open|acknowledged|resolved&env=&limit=)",
            call -> {
              ObjectNode body = Json.object();
              body.set(
                  "incidents",
                  Wire.array(
                      drift.incidents(
                          call.principal(),
                          project(call),
                          call.query("state").orElse(null),
                          call.query("env").orElse(null),
                          call.queryInt("limit").orElse(DEFAULT_PAGE)),
                      DriftWire::incident));
              return Reply.ok(body);
            }),
        get(
            INCIDENT,
            read,
            "One drift incident",
            call ->
                Reply.ok(
                    DriftWire.incident(
                        drift.incident(call.principal(), project(call), call.intParam("number"))))),
        post(
            INCIDENT + "/acknowledge",
            Access.project(Permission.DEPLOY),
            "Acknowledge an incident with a note (it still resolves on its own)",
            call -> {
              ObjectNode body = call.optJson().orElse(Json.object());
              return Reply.ok(
                  DriftWire.incident(
                      drift.acknowledge(
                          call.principal(),
                          project(call),
                          call.intParam("number"),
                          Fields.optText(body, "note").orElse(""))));
            }),
        get(
            DRIFT + "/confirmations",
            read,
            "The convergence of deployments, newest first (?prompt=&env=&limit=)",
            call -> {
              ObjectNode body = Json.object();
              body.set(
                  "confirmations",
                  Wire.array(
                      drift.confirmations(
                          call.principal(),
                          project(call),
                          call.query("prompt").orElse(null),
                          call.query("env").orElse(null),
                          call.queryInt("limit").orElse(DEFAULT_PAGE)),
                      DriftWire::confirmation));
              return Reply.ok(body);
            }),
        get(
            DRIFT + "/confirmations/{deployment}",
            read,
            "The convergence of one deployment: converged and lagging instances",
            call ->
                Reply.ok(
                    DriftWire.confirmation(
                        drift.confirmation(
                            call.principal(), project(call), Long.parseLong(deploymentId(call)))))),
        get(
            DRIFT + "/schedules",
            read,
            "Behavioural drift schedules: suites re-run against deployed versions",
            call -> {
              ObjectNode body = Json.object();
              body.set(
                  "schedules",
                  Wire.array(
                      s.schedules().list(call.principal(), project(call)), DriftWire::schedule));
              return Reply.ok(body);
            }),
        put(
            DRIFT + "/schedules",
            Access.project(Permission.ADMIN),
            "Replace the behavioural drift schedules (promptops sync sends promptops.yaml's)",
            call -> {
              JsonNode list = call.json().path("schedules");
              ObjectNode body = Json.object();
              body.set(
                  "schedules",
                  Wire.array(
                      s.schedules()
                          .replace(call.principal(), project(call), DriftSchedules.parse(list)),
                      DriftWire::schedule));
              return Reply.ok(body);
            }));
  }

  private static String deploymentId(Call call) {
    String id = call.param("deployment");
    if (!id.matches("\\d{1,18}")) {
      throw new dev.promptops.core.InvalidInputException(
          "invalid_deployment",
          "not a deployment id: '" + id + "'",
          "use the deploymentId a deploy answered, or GET …/drift/confirmations");
    }
    return id;
  }

  private static String project(Call call) {
    return call.param("project");
  }
}
