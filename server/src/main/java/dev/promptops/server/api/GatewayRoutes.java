package dev.promptops.server.api;

import static dev.promptops.server.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.execution.Execution;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The OpenAI-compatible gateway: {@code POST /v1/chat/completions} where the request names a
 * deployed prompt ({@link GatewayRequest}), so unchanged OpenAI clients use prompts managed in
 * PromptOps. The answer is OpenAI's chat completion (or its chunk stream) with the run's details in
 * a {@code promptops} field, and headers naming the prompt version and digest (and, when not
 * streaming, the model that answered and the attempts it took).
 */
final class GatewayRoutes {
  static final String PATH = "/v1/chat/completions";

  private GatewayRoutes() {}

  static List<Route> routes(Services s) {
    return List.of(
        post(
            PATH,
            new Access.AnyKey(),
            "OpenAI-compatible chat completions that run a deployed prompt",
            call -> complete(s, call)));
  }

  private static Reply complete(Services s, Call call) {
    GatewayRequest request = GatewayRequest.read(call);
    Execution.Prepared prepared = s.execution().prepare(call.principal(), request.run());
    var version = prepared.rendered().version();
    request.checkFormat(prepared.rendered().rendered().metadata(), version.ref());
    var completion = new Completion(newId(), Instant.now().getEpochSecond());
    Reply reply;
    if (request.stream()) {
      reply = Reply.events(e -> completion.stream(s, prepared, e, request.includeUsage()));
    } else {
      RunResult r = s.execution().execute(prepared, null);
      reply =
          Reply.ok(completion.whole(r))
              .withHeader("X-PromptOps-Model", r.provider() + "/" + r.model())
              .withHeader("X-PromptOps-Attempts", String.valueOf(r.attempts().size()))
              .withHeader("X-PromptOps-Fallback", String.valueOf(r.fellBack()));
    }
    return reply
        .withHeader("X-PromptOps-Prompt", version.prompt())
        .withHeader("X-PromptOps-Version", String.valueOf(version.version()))
        .withHeader("X-PromptOps-Digest", version.digest());
  }

  private static String newId() {
    return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
  }

  /** One completion's id and creation time, written whole or as chunks. */
  private record Completion(String id, long created) {

    ObjectNode whole(RunResult r) {
      ObjectNode n = head("chat.completion", r.provider() + "/" + r.model());
      ObjectNode choice = n.putArray("choices").addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", r.text());
      choice.put("finish_reason", finishReason(r.finishReason()));
      n.set("usage", usage(r));
      n.set("promptops", details(r));
      return n;
    }

    /**
     * A first chunk with the role, one per text delta, one with the finish reason (and the run's
     * details), with {@code include_usage} one with empty {@code choices} and the usage, then
     * {@code [DONE]}. A failure after the first chunk becomes an {@code error} data event.
     */
    void stream(Services s, Execution.Prepared prepared, SseWriter events, boolean includeUsage) {
      String model = prepared.model().toString();
      events.data(
          Json.write(
              chunk(model, Json.object().put("role", "assistant").put("content", ""), null)));
      try {
        RunResult r =
            s.execution()
                .execute(
                    prepared,
                    new StreamListener() {
                      @Override
                      public void onDelta(String text) {
                        events.data(
                            Json.write(chunk(model, Json.object().put("content", text), null)));
                      }

                      @Override
                      public void onComplete(ChatResponse response) {}
                    });
        ObjectNode last = chunk(model, Json.object(), finishReason(r.finishReason()));
        last.set("promptops", details(r));
        events.data(Json.write(last));
        if (includeUsage) {
          ObjectNode usage = chunk(model, null, null);
          usage.set("usage", usage(r));
          events.data(Json.write(usage));
        }
      } catch (PromptOpsException e) {
        events.data(Json.write(ErrorMapper.reply(e).body()));
      }
      events.data("[DONE]");
    }

    private ObjectNode head(String object, String model) {
      ObjectNode n = Json.object();
      n.put("id", id);
      n.put("object", object);
      n.put("created", created);
      n.put("model", model);
      return n;
    }

    private ObjectNode chunk(String model, ObjectNode delta, String finish) {
      ObjectNode n = head("chat.completion.chunk", model);
      ArrayNode choices = n.putArray("choices");
      if (delta != null) {
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finish);
      }
      return n;
    }
  }

  private static ObjectNode usage(RunResult r) {
    return Json.object()
        .put("prompt_tokens", r.usage().inputTokens())
        .put("completion_tokens", r.usage().outputTokens())
        .put("total_tokens", r.usage().totalTokens());
  }

  /** What PromptOps adds to OpenAI's answer: the version run and how the answer was obtained. */
  private static ObjectNode details(RunResult r) {
    ObjectNode n = Json.object();
    n.put("prompt", r.prompt());
    n.put("version", r.version());
    n.put("digest", r.digest());
    n.put("resolvedVia", r.resolvedVia());
    n.put("provider", r.provider());
    n.put("fallback", r.fellBack());
    if (r.cost() == null) {
      n.putNull("cost");
    } else {
      n.put("cost", r.cost());
    }
    n.put("latencyMs", r.latencyMillis());
    n.set("attempts", Wire.attempts(r.attempts()));
    return n;
  }

  /** OpenAI's finish reasons: stop, length, content_filter, tool_calls. */
  static String finishReason(String reason) {
    if (reason == null) {
      return "stop";
    }
    return switch (reason.toLowerCase(Locale.ROOT)) {
      case "length", "max_tokens", "max_output_tokens" -> "length";
      case "content_filter", "safety" -> "content_filter";
      default -> "stop";
    };
  }
}
