package dev.promptops.server.api;

import static dev.promptops.server.http.Route.get;

import dev.promptops.core.auth.Permission;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.util.List;

/** Questions about components (partials): which prompt versions pin them, and impact. */
final class ComponentRoutes {
  private ComponentRoutes() {}

  static List<Route> routes(Services s) {
    return List.of(
        get(
            PromptRoutes.PROMPT + "/-/impact",
            Access.project(Permission.READ),
            "Which prompt versions pin a component, and what adopting a version would change",
            call ->
                Reply.ok(
                    Wire.impact(
                        s.components()
                            .impact(
                                call.principal(),
                                PromptRoutes.project(call),
                                PromptRoutes.name(call),
                                call.queryInt("version").orElse(null))))));
  }
}
