package dev.promptops.server.api;

import static dev.promptops.server.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Rendering;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Call;
import dev.promptops.server.http.Fields;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.util.List;

/**
 * Rendering a registered version into messages, with the component versions it pins. The version is
 * selected as resolve selects it ({@code ?env=}, {@code ?label=}, {@code ?version=}).
 */
final class RenderRoutes {
  private RenderRoutes() {}

  static List<Route> routes(Services s) {
    return List.of(
        post(
            PromptRoutes.PROMPT + "/-/render",
            Access.project(Permission.READ),
            "Render a version into messages with the given variables",
            call -> render(s, call)));
  }

  private static Reply render(Services s, Call call) {
    ObjectNode body = call.optJson().orElseGet(Json::object);
    ObjectNode options = options(body);
    Rendering.Result result =
        s.rendering()
            .render(
                call.principal(),
                PromptRoutes.project(call),
                PromptRoutes.name(call),
                PromptRoutes.selector(call),
                RenderData.fromJson(body),
                options);
    return Reply.ok(Wire.rendered(result));
  }

  /** Removes and returns {@code "options"}: metadata merged over the prompt's, or null. */
  private static ObjectNode options(ObjectNode body) {
    JsonNode options = body.remove("options");
    if (options == null || options.isNull()) {
      return null;
    }
    if (!(options instanceof ObjectNode o)) {
      throw Fields.wrongType("options", "an object of metadata fields", options);
    }
    return o;
  }
}
