package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;

/**
 * OpenAI's chat completions ({@code POST /v1/chat/completions}), and Azure OpenAI's (the same
 * bodies under {@code /openai/deployments/{deployment}/chat/completions?api-version=…}, the
 * deployment naming the model); their embeddings are {@link OpenAiEmbeddings}.
 */
final class OpenAiDialect implements Dialect {
  private final boolean azure;

  OpenAiDialect(boolean azure) {
    this.azure = azure;
  }

  @Override
  public MockProtocol protocol() {
    return azure ? MockProtocol.AZURE_OPENAI : MockProtocol.OPENAI;
  }

  @Override
  public Conversation chat(Call call) throws BadRequest {
    JsonNode body = call.body();
    String model = model(call);
    JsonNode messages = Messages.requiredArray(body, "messages");
    var texts = new ArrayList<String>();
    var system = new StringBuilder();
    String lastUser = "";
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText("");
      if (role.isEmpty()) {
        throw new BadRequest("messages[" + i + "].role is missing");
      }
      String text = Messages.text(m.get("content"));
      texts.add(text);
      if (role.equals("system") || role.equals("developer")) {
        system.append(system.isEmpty() ? "" : "\n").append(text);
      } else if (role.equals("user")) {
        lastUser = text;
      }
    }
    JsonNode format = body.path("response_format");
    String type = format.path("type").asText("text");
    Integer max = Messages.count(body.path("max_completion_tokens"), "max_completion_tokens");
    return new Conversation(
        model,
        system.toString(),
        lastUser,
        texts,
        Messages.bool(body.path("stream"), false),
        Messages.bool(body.path("stream_options").path("include_usage"), false),
        type.equals("json_object") || type.equals("json_schema"),
        type.equals("json_schema") ? format.path("json_schema").get("schema") : null,
        max != null ? max : Messages.count(body.path("max_tokens"), "max_tokens"),
        Messages.stops(body.path("stop")));
  }

  @Override
  public EmbeddingsRequest embeddings(Call call, int dimensions) throws BadRequest {
    return OpenAiEmbeddings.parse(call, this, dimensions);
  }

  /** The model: the body's, or for Azure the deployment in the path. */
  String model(Call call) throws BadRequest {
    if (azure) {
      if (call.query().get("api-version") == null) {
        throw new BadRequest(
            "missing required query parameter 'api-version' (e.g. ?api-version=2024-10-21)");
      }
      return call.pathModel();
    }
    return Messages.required(call.body(), "model", "you must provide a model parameter");
  }

  @Override
  public void answer(Answer a, Conversation c, Call call, Responder out) throws IOException {
    long created = Instant.now().getEpochSecond();
    if (!c.stream()) {
      ObjectNode message = Json.object().put("role", "assistant").put("content", a.text());
      message.putNull("refusal");
      ObjectNode choice = Json.object().put("index", 0);
      choice.set("message", message);
      choice.putNull("logprobs");
      choice.put("finish_reason", finish(a));
      ObjectNode body = base(a, created, "chat.completion");
      body.set("choices", Json.array().add(choice));
      body.set("usage", usage(a));
      out.json(200, body);
      return;
    }
    out.startStream(Responder.SSE);
    out.event(
        null, chunk(a, c, created, Json.object().put("role", "assistant").put("content", "")));
    for (String piece : a.deltas()) {
      out.event(null, chunk(a, c, created, Json.object().put("content", piece)));
    }
    ObjectNode last = chunk(a, c, created, Json.object());
    ((ObjectNode) last.get("choices").get(0)).put("finish_reason", finish(a));
    out.event(null, last);
    if (c.includeUsage()) {
      ObjectNode usage = base(a, created, "chat.completion.chunk");
      usage.set("choices", Json.array());
      usage.set("usage", usage(a));
      out.event(null, usage);
    }
    out.event(null, "[DONE]");
    out.end();
  }

  private ObjectNode chunk(Answer a, Conversation c, long created, ObjectNode delta) {
    ObjectNode choice = Json.object().put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    ObjectNode chunk = base(a, created, "chat.completion.chunk");
    chunk.set("choices", Json.array().add(choice));
    if (c.includeUsage()) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private static ObjectNode base(Answer a, long created, String object) {
    return Json.object()
        .put("id", "chatcmpl-" + a.id())
        .put("object", object)
        .put("created", created)
        .put("model", a.model())
        .put("system_fingerprint", "fp_mock");
  }

  static ObjectNode usage(Answer a) {
    return Json.object()
        .put("prompt_tokens", a.inputTokens())
        .put("completion_tokens", a.outputTokens())
        .put("total_tokens", a.totalTokens());
  }

  private static String finish(Answer a) {
    return a.finish() == Answer.Finish.LENGTH ? "length" : "stop";
  }

  @Override
  public JsonNode error(Failure failure, String message) {
    ObjectNode error = Json.object().put("message", message).put("type", type(failure));
    error.putNull("param");
    String code = code(failure);
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    return Json.object().set("error", error);
  }

  private static String type(Failure failure) {
    return switch (failure) {
      case RATE_LIMITED -> "requests";
      case SERVER_ERROR, TIMEOUT -> "server_error";
      default -> "invalid_request_error";
    };
  }

  private static String code(Failure failure) {
    return switch (failure) {
      case UNAUTHORIZED -> "invalid_api_key";
      case NOT_FOUND -> "not_found";
      case RATE_LIMITED -> "rate_limit_exceeded";
      case TIMEOUT -> "timeout";
      default -> null;
    };
  }

  /** {@code GET /v1/models}. */
  static JsonNode models(Iterable<String> names) {
    ArrayNode data = Json.array();
    for (String name : names) {
      data.add(
          Json.object()
              .put("id", name)
              .put("object", "model")
              .put("created", 1_700_000_000L)
              .put("owned_by", "promptops-mock"));
    }
    return Json.object().put("object", "list").set("data", data);
  }
}
