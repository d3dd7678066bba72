package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;

/**
 * Ollama: {@code POST /api/chat}, streamed as newline-delimited JSON unless {@code "stream":
 * false}; {@code GET /api/tags}; embeddings ({@code POST /api/embed}, {@code /api/embeddings}) are
 * {@link OllamaEmbeddings}.
 */
final class OllamaDialect implements Dialect {
  /** The durations Ollama reports, made up: 10 ms per token. */
  private static final long NANOS_PER_TOKEN = 10_000_000L;

  @Override
  public MockProtocol protocol() {
    return MockProtocol.OLLAMA;
  }

  @Override
  public Conversation chat(Call call) throws BadRequest {
    JsonNode body = call.body();
    String model = Messages.required(body, "model", "model is required");
    JsonNode messages = Messages.requiredArray(body, "messages");
    var texts = new ArrayList<String>();
    var system = new StringBuilder();
    String lastUser = "";
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText("");
      if (role.isEmpty()) {
        throw new BadRequest("messages[" + i + "]: role is required");
      }
      String text = m.path("content").asText("");
      texts.add(text);
      if (role.equals("system")) {
        system.append(system.isEmpty() ? "" : "\n").append(text);
      } else if (role.equals("user")) {
        lastUser = text;
      }
    }
    JsonNode format = body.path("format");
    boolean json = format.isObject() || format.asText("").equals("json");
    JsonNode options = body.path("options");
    JsonNode predict = options.path("num_predict");
    return new Conversation(
        model,
        system.toString(),
        lastUser,
        texts,
        Messages.bool(body.path("stream"), true),
        false,
        json,
        format.isObject() ? format : null,
        predict.isIntegralNumber() && predict.intValue() < 0
            ? null
            : Messages.count(predict, "options.num_predict"),
        Messages.stops(options.path("stop")));
  }

  @Override
  public EmbeddingsRequest embeddings(Call call, int dimensions) throws BadRequest {
    return OllamaEmbeddings.parse(call, dimensions);
  }

  @Override
  public void answer(Answer a, Conversation c, Call call, Responder out) throws IOException {
    String at = Instant.now().toString();
    if (!c.stream()) {
      out.json(200, done(a, at, a.text()));
      return;
    }
    out.startStream(Responder.NDJSON);
    for (String piece : a.deltas()) {
      out.line(base(a, at, piece).put("done", false));
    }
    out.line(done(a, at, ""));
    out.end();
  }

  private static ObjectNode base(Answer a, String at, String content) {
    ObjectNode body = Json.object().put("model", a.model()).put("created_at", at);
    body.set("message", Json.object().put("role", "assistant").put("content", content));
    return body;
  }

  private static ObjectNode done(Answer a, String at, String content) {
    long prompt = a.inputTokens() * NANOS_PER_TOKEN;
    long eval = a.outputTokens() * NANOS_PER_TOKEN;
    return base(a, at, content)
        .put("done_reason", a.finish() == Answer.Finish.LENGTH ? "length" : "stop")
        .put("done", true)
        .put("total_duration", prompt + eval)
        .put("load_duration", 0)
        .put("prompt_eval_count", a.inputTokens())
        .put("prompt_eval_duration", prompt)
        .put("eval_count", a.outputTokens())
        .put("eval_duration", eval);
  }

  @Override
  public JsonNode error(Failure failure, String message) {
    return Json.object().put("error", message);
  }

  /** {@code GET /api/tags}: the models, tagged {@code :latest} when they carry no tag. */
  static JsonNode tags(Iterable<String> names) {
    ArrayNode models = Json.array();
    for (String name : names) {
      String tagged = name.contains(":") ? name : name + ":latest";
      ObjectNode details =
          Json.object()
              .put("format", "gguf")
              .put("family", "mock")
              .put("parameter_size", "1B")
              .put("quantization_level", "Q4_0");
      models.add(
          Json.object()
              .put("name", tagged)
              .put("model", tagged)
              .put("modified_at", "2025-01-01T00:00:00Z")
              .put("size", 1_000_000_000L)
              .put("digest", Integer.toHexString(tagged.hashCode()))
              .set("details", details));
    }
    return Json.object().set("models", models);
  }
}
