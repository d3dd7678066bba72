package dev.promptops.server.api;

import static dev.promptops.server.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.auth.ApiKeyRecord;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.execution.Execution;
import dev.promptops.core.execution.RunRequest;
import dev.promptops.core.execution.RunResult;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.ChatResponse;
import dev.promptops.core.provider.StreamListener;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Selector;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Call;
import dev.promptops.server.http.ErrorMapper;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import dev.promptops.server.http.SseWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The OpenAI-compatible gateway: {@code POST /v1/chat/completions} where the request names a
 * deployed prompt, so unchanged OpenAI clients use prompts managed in PromptOps. The prompt comes
 * from a {@code prompt} object in the body ({@code {"name", "project"?, "environment" | "label" |
 * "version", "variables"}}) or from headers ({@code X-PromptOps-Prompt: name[:env|@version]},
 * {@code X-PromptOps-Project}, {@code X-PromptOps-Variables}); the request's {@code messages} are
 * sent after the rendered ones. The answer is OpenAI's chat completion (or its chunk stream), with
 * headers naming the prompt version and digest.
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
    ObjectNode body = call.json();
    ObjectNode prompt = promptSpec(body, call);
    String project = project(prompt, call.principal());
    Ref ref = ref(prompt);
    ObjectNode variables = prompt.get("variables") instanceof ObjectNode v ? v : Json.object();
    var request =
        new RunRequest(
            project,
            ref.prompt(),
            ref.selector(),
            RenderData.of(variables),
            overrides(body),
            messages(body.path("messages")),
            "gateway");
    Execution.Prepared prepared = s.execution().prepare(call.principal(), request);
    var version = prepared.rendered().version();
    String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    long created = Instant.now().getEpochSecond();
    boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
    Reply reply =
        body.path("stream").asBoolean(false)
            ? Reply.events(e -> stream(s, prepared, e, id, created, includeUsage))
            : Reply.ok(completion(s.execution().execute(prepared, null), id, created));
    return reply
        .withHeader("X-PromptOps-Prompt", version.prompt())
        .withHeader("X-PromptOps-Version", String.valueOf(version.version()))
        .withHeader("X-PromptOps-Digest", version.digest());
  }

  private static ObjectNode promptSpec(ObjectNode body, Call call) {
    if (body.get("prompt") instanceof ObjectNode p) {
      return p;
    }
    ObjectNode p = Json.object();
    call.header("X-PromptOps-Prompt").ifPresent(v -> p.put("ref", v));
    call.header("X-PromptOps-Project").ifPresent(v -> p.put("project", v));
    call.header("X-PromptOps-Variables")
        .ifPresent(
            v -> {
              try {
                p.set("variables", Json.parse(v));
              } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw invalid("X-PromptOps-Variables is not JSON: " + e.getOriginalMessage());
              }
            });
    if (!p.has("ref")) {
      throw invalid("the request names no prompt");
    }
    return p;
  }

  private static Ref ref(ObjectNode p) {
    if (p.hasNonNull("ref")) {
      return Ref.parse(p.get("ref").asText());
    }
    String name = p.path("name").asText("");
    if (name.isEmpty()) {
      throw invalid("the prompt object has no 'name'");
    }
    int given =
        (p.hasNonNull("environment") ? 1 : 0)
            + (p.hasNonNull("label") ? 1 : 0)
            + (p.hasNonNull("version") ? 1 : 0);
    if (given > 1) {
      throw invalid("give at most one of environment, label and version");
    }
    Selector selector =
        p.hasNonNull("environment")
            ? new Selector.Env(p.get("environment").asText())
            : p.hasNonNull("label")
                ? new Selector.Label(p.get("label").asText())
                : p.hasNonNull("version")
                    ? new Selector.Version(p.get("version").asInt())
                    : new Selector.Default();
    return new Ref(name, selector);
  }

  /** The project named, else the only project the key has a role in. */
  private static String project(ObjectNode p, Principal who) {
    if (p.hasNonNull("project")) {
      return p.get("project").asText();
    }
    var projects =
        who.roles().keySet().stream().filter(k -> !k.equals(ApiKeyRecord.ALL_PROJECTS)).toList();
    if (projects.size() == 1) {
      return projects.getFirst();
    }
    throw invalid("the request names no project and the key is not limited to one");
  }

  /** OpenAI sampling fields as config overrides. */
  private static ObjectNode overrides(ObjectNode body) {
    ObjectNode config = Json.object();
    if (body.path("temperature").isNumber()) {
      config.set("temperature", body.get("temperature"));
    }
    if (body.path("top_p").isNumber()) {
      config.set("topP", body.get("top_p"));
    }
    JsonNode max =
        body.path("max_completion_tokens").isNumber()
            ? body.get("max_completion_tokens")
            : body.get("max_tokens");
    if (max != null && max.isNumber()) {
      config.set("maxOutputTokens", max);
    }
    JsonNode stop = body.get("stop");
    if (stop != null && (stop.isTextual() || stop.isArray())) {
      config.set("stopSequences", stop);
    }
    if (config.isEmpty()) {
      return null;
    }
    ObjectNode options = Json.object();
    options.set("config", config);
    return options;
  }

  /** OpenAI messages as Dotprompt messages (assistant → model, developer → system). */
  static ArrayNode messages(JsonNode messages) {
    ArrayNode out = Json.array();
    if (messages == null || messages.isMissingNode() || messages.isNull()) {
      return out;
    }
    if (!messages.isArray()) {
      throw invalid("'messages' must be a list");
    }
    for (JsonNode m : messages) {
      String role =
          switch (m.path("role").asText("")) {
            case "user" -> "user";
            case "assistant" -> "model";
            case "system", "developer" -> "system";
            default ->
                throw invalid(
                    "message role '"
                        + m.path("role").asText()
                        + "' is not supported by the gateway (user, assistant, system, developer)");
          };
      ArrayNode parts = Json.array();
      JsonNode content = m.get("content");
      if (content != null && content.isTextual()) {
        parts.addObject().put("text", content.textValue());
      } else if (content != null && content.isArray()) {
        for (JsonNode part : content) {
          switch (part.path("type").asText("")) {
            case "text" -> parts.addObject().put("text", part.path("text").asText());
            case "image_url" ->
                parts
                    .addObject()
                    .putObject("media")
                    .put("url", part.path("image_url").path("url").asText());
            default ->
                throw invalid(
                    "content part type '" + part.path("type").asText() + "' is not supported");
          }
        }
      }
      ObjectNode message = out.addObject();
      message.put("role", role);
      message.set("content", parts);
    }
    return out;
  }

  private static ObjectNode completion(RunResult r, String id, long created) {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "chat.completion");
    n.put("created", created);
    n.put("model", r.provider() + "/" + r.model());
    ObjectNode choice = n.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", r.text());
    choice.put("finish_reason", finishReason(r.finishReason()));
    n.set("usage", usage(r));
    return n;
  }

  private static ObjectNode usage(RunResult r) {
    return Json.object()
        .put("prompt_tokens", r.usage().inputTokens())
        .put("completion_tokens", r.usage().outputTokens())
        .put("total_tokens", r.usage().totalTokens());
  }

  private static void stream(
      Services s,
      Execution.Prepared prepared,
      SseWriter events,
      String id,
      long created,
      boolean includeUsage) {
    String model = prepared.model().toString();
    events.data(
        Json.write(
            chunk(
                id,
                created,
                model,
                Json.object().put("role", "assistant").put("content", ""),
                null)));
    try {
      RunResult r =
          s.execution()
              .execute(
                  prepared,
                  new StreamListener() {
                    @Override
                    public void onDelta(String text) {
                      events.data(
                          Json.write(
                              chunk(id, created, model, Json.object().put("content", text), null)));
                    }

                    @Override
                    public void onComplete(ChatResponse response) {}
                  });
      events.data(
          Json.write(chunk(id, created, model, Json.object(), finishReason(r.finishReason()))));
      if (includeUsage) {
        ObjectNode last = chunk(id, created, model, null, null);
        last.set("usage", usage(r));
        events.data(Json.write(last));
      }
    } catch (PromptOpsException e) {
      events.data(Json.write(ErrorMapper.reply(e).body()));
    }
    events.data("[DONE]");
  }

  private static ObjectNode chunk(
      String id, long created, String model, ObjectNode delta, String finish) {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "chat.completion.chunk");
    n.put("created", created);
    n.put("model", model);
    ArrayNode choices = n.putArray("choices");
    if (delta != null) {
      ObjectNode choice = choices.addObject();
      choice.put("index", 0);
      choice.set("delta", delta);
      if (finish == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", finish);
      }
    }
    return n;
  }

  /** OpenAI's finish reasons: stop, length, content_filter, tool_calls. */
  static String finishReason(String reason) {
    if (reason == null) {
      return "stop";
    }
    return switch (reason.toLowerCase(java.util.Locale.ROOT)) {
      case "length", "max_tokens", "max_output_tokens" -> "length";
      case "content_filter", "safety" -> "content_filter";
      default -> "stop";
    };
  }

  private static InvalidInputException invalid(String message) {
    return new InvalidInputException(
        "invalid_gateway_request",
        message,
        "name the prompt with \"prompt\": {\"name\": \"support/reply\", \"project\": \"shop\","
            + " \"environment\": \"production\", \"variables\": {...}} or the header"
            + " X-PromptOps-Prompt: support/reply:production");
  }
}
