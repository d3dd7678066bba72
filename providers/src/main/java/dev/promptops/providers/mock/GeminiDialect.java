package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Google Gemini: {@code POST /v1beta/models/{model}:generateContent} and {@code
 * :streamGenerateContent} ({@code ?alt=sse}: server-sent events; without it, a JSON array sent
 * element by element). Field names are accepted in camelCase and snake_case, as Google's API does.
 * Embeddings ({@code :embedContent}, {@code :batchEmbedContents}) are {@link GeminiEmbeddings}.
 */
final class GeminiDialect implements Dialect {

  @Override
  public MockProtocol protocol() {
    return MockProtocol.GEMINI;
  }

  @Override
  public Conversation chat(Call call) throws BadRequest {
    JsonNode body = call.body();
    JsonNode contents = Messages.requiredArray(body, "contents");
    String system = parts(field(body, "systemInstruction", "system_instruction").path("parts"));
    var texts = new ArrayList<String>();
    texts.add(system);
    String lastUser = "";
    for (int i = 0; i < contents.size(); i++) {
      JsonNode content = contents.get(i);
      if (!content.path("parts").isArray()) {
        throw new BadRequest(
            "contents[" + i + "].parts must be a list of parts, e.g. [{\"text\": \"…\"}]");
      }
      String role = content.path("role").asText("user");
      String text = parts(content.get("parts"));
      texts.add(text);
      if (role.equals("user")) {
        lastUser = text;
      }
    }
    JsonNode config = field(body, "generationConfig", "generation_config");
    JsonNode schema = field(config, "responseJsonSchema", "response_json_schema");
    if (schema.isMissingNode()) {
      schema = field(config, "responseSchema", "response_schema");
    }
    String mime = field(config, "responseMimeType", "response_mime_type").asText("");
    return new Conversation(
        call.pathModel(),
        system,
        lastUser,
        texts,
        call.path().endsWith(":streamGenerateContent"),
        false,
        mime.equals("application/json") || !schema.isMissingNode(),
        schema.isMissingNode() ? null : schema,
        Messages.count(field(config, "maxOutputTokens", "max_output_tokens"), "maxOutputTokens"),
        Messages.stops(field(config, "stopSequences", "stop_sequences")));
  }

  @Override
  public EmbeddingsRequest embeddings(Call call, int dimensions) throws BadRequest {
    return GeminiEmbeddings.parse(call, dimensions);
  }

  /** The field named in camelCase, else in snake_case (Google's API takes both). */
  static JsonNode field(JsonNode node, String camel, String snake) {
    return node.has(camel) ? node.get(camel) : node.path(snake);
  }

  /** The text of every part, joined. */
  static String parts(JsonNode parts) {
    var out = new StringBuilder();
    for (JsonNode part : parts) {
      out.append(part.path("text").asText(""));
    }
    return out.toString();
  }

  @Override
  public void answer(Answer a, Conversation c, Call call, Responder out) throws IOException {
    if (!c.stream()) {
      out.json(200, chunk(a, a.text(), true));
      return;
    }
    boolean sse = "sse".equals(call.query().get("alt"));
    out.startStream(sse ? Responder.SSE : Responder.JSON);
    List<String> pieces = a.deltas().isEmpty() ? List.of("") : a.deltas();
    for (int i = 0; i < pieces.size(); i++) {
      ObjectNode chunk = chunk(a, pieces.get(i), i == pieces.size() - 1);
      if (sse) {
        out.event(null, chunk);
      } else {
        out.unit((i == 0 ? "[" : ",\r\n") + Json.write(chunk));
      }
    }
    if (!sse) {
      out.unit("]");
    }
    out.end();
  }

  /** A response (or stream chunk) carrying {@code text}; the last one says why it finished. */
  private static ObjectNode chunk(Answer a, String text, boolean last) {
    ObjectNode content = Json.object();
    content.set("parts", Json.array().add(Json.object().put("text", text)));
    content.put("role", "model");
    ObjectNode candidate = Json.object();
    candidate.set("content", content);
    if (last) {
      candidate.put("finishReason", a.finish() == Answer.Finish.LENGTH ? "MAX_TOKENS" : "STOP");
    }
    candidate.put("index", 0);
    ObjectNode usage = Json.object().put("promptTokenCount", a.inputTokens());
    if (last) {
      usage.put("candidatesTokenCount", a.outputTokens()).put("totalTokenCount", a.totalTokens());
    } else {
      usage.put("totalTokenCount", a.inputTokens());
    }
    ObjectNode body = Json.object();
    body.set("candidates", Json.array().add(candidate));
    body.set("usageMetadata", usage);
    body.put("modelVersion", a.model());
    body.put("responseId", a.id());
    return body;
  }

  @Override
  public JsonNode error(Failure failure, String message) {
    String status =
        switch (failure) {
          case BAD_REQUEST, METHOD_NOT_ALLOWED, TOO_LARGE -> "INVALID_ARGUMENT";
          case UNAUTHORIZED -> "UNAUTHENTICATED";
          case NOT_FOUND -> "NOT_FOUND";
          case RATE_LIMITED -> "RESOURCE_EXHAUSTED";
          case SERVER_ERROR -> "INTERNAL";
          case TIMEOUT -> "DEADLINE_EXCEEDED";
        };
    return Json.object()
        .set(
            "error",
            Json.object()
                .put("code", failure.status)
                .put("message", message)
                .put("status", status));
  }
}
