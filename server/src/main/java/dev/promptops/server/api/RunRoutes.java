package dev.promptops.server.api;

import static dev.promptops.server.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.execution.Execution;
import dev.promptops.core.execution.RunRequest;
import dev.promptops.core.execution.RunResult;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.ChatResponse;
import dev.promptops.core.provider.StreamListener;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Call;
import dev.promptops.server.http.ErrorMapper;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import dev.promptops.server.http.SseWriter;
import java.util.List;

/** Running a prompt on its model: JSON, or server-sent events when streaming. */
final class RunRoutes {
  private RunRoutes() {}

  /**
   * {@code …/{name}/-/run} like every action on a prompt, and {@code …/{name}/run} as well: a POST
   * to a prompt's own path means nothing else, so the short form cannot be mistaken.
   */
  static List<Route> routes(Services s) {
    Access read = Access.project(Permission.READ);
    return List.of(
        post(
            PromptRoutes.PROMPT + "/-/run",
            read,
            "Run a prompt on its model (optionally streaming)",
            call -> run(s, call)),
        post(
            PromptRoutes.PROMPT + "/run",
            read,
            "Run a prompt on its model: the same as …/-/run",
            call -> run(s, call)));
  }

  private static Reply run(Services s, Call call) {
    ObjectNode body = call.optJson().orElseGet(Json::object);
    boolean stream =
        body.path("stream").asBoolean(false)
            || call.header("Accept").map(a -> a.contains("text/event-stream")).orElse(false);
    ObjectNode data = body.deepCopy();
    data.remove("options");
    data.remove("stream");
    ObjectNode options = body.get("options") instanceof ObjectNode o ? o : null;
    var request =
        new RunRequest(
            PromptRoutes.project(call),
            PromptRoutes.name(call),
            PromptRoutes.selector(call),
            RenderData.fromJson(data),
            options,
            "api");
    Execution.Prepared prepared = s.execution().prepare(call.principal(), request);
    var version = prepared.rendered().version();
    Reply reply =
        stream
            ? Reply.events(events -> stream(s, prepared, events))
            : Reply.ok(Wire.runResult(s.execution().execute(prepared, null)));
    return reply
        .withHeader("X-PromptOps-Version", String.valueOf(version.version()))
        .withHeader("X-PromptOps-Digest", version.digest());
  }

  /**
   * {@code delta} events with text as it comes, then {@code result} (or {@code error}: the error
   * answer's body with the {@code status} it would have had).
   */
  private static void stream(Services s, Execution.Prepared prepared, SseWriter events) {
    try {
      RunResult result =
          s.execution()
              .execute(
                  prepared,
                  new StreamListener() {
                    @Override
                    public void onDelta(String text) {
                      events.event("delta", Json.object().put("text", text));
                    }

                    @Override
                    public void onComplete(ChatResponse response) {}
                  });
      events.event("result", Wire.runResult(result));
    } catch (PromptOpsException e) {
      Reply error = ErrorMapper.reply(e);
      events.event("error", ((ObjectNode) error.body()).put("status", error.status()));
    }
  }
}
