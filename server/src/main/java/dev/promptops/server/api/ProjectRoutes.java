package dev.promptops.server.api;

import static dev.promptops.server.http.Route.get;
import static dev.promptops.server.http.Route.post;
import static dev.promptops.server.http.Route.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Project;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Fields;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.util.List;

/** Projects and their environment chains. */
final class ProjectRoutes {
  static final String PROJECT = "/api/v1/projects/{project}";

  private ProjectRoutes() {}

  static List<Route> routes(Services s) {
    return List.of(
        get(
            "/api/v1/projects",
            new Access.AnyKey(),
            "Projects the key may read",
            call -> {
              ObjectNode body = Json.object();
              body.set("projects", Wire.array(s.projects().list(call.principal()), Wire::project));
              return Reply.ok(body);
            }),
        post(
            "/api/v1/projects",
            new Access.ServerAdmin(),
            "Create a project",
            call -> {
              ObjectNode body = call.json();
              List<String> envs =
                  body.hasNonNull("environments")
                      ? Fields.strings(body, "environments")
                      : Project.DEFAULT_ENVIRONMENTS;
              Project project =
                  s.projects()
                      .create(
                          call.principal(),
                          Fields.text(body, "name"),
                          Fields.optText(body, "description").orElse(""),
                          envs);
              return Reply.created(Wire.project(project));
            }),
        get(
            PROJECT,
            Access.project(Permission.READ),
            "A project and its environments",
            call ->
                Reply.ok(Wire.project(s.projects().get(call.principal(), call.param("project"))))),
        put(
            PROJECT + "/environments",
            Access.project(Permission.ADMIN),
            "Replace the ordered environment chain",
            call -> {
              List<String> envs = Fields.strings(call.json(), "environments");
              Project p =
                  s.projects().setEnvironments(call.principal(), call.param("project"), envs);
              return Reply.ok(Wire.project(p));
            }));
  }
}
