package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Ollama's embeddings: {@code POST /api/embed} ({@code {model, input: string | [strings],
 * dimensions?}} → {@code {model, embeddings: [[…]], prompt_eval_count}}) and the legacy {@code POST
 * /api/embeddings} ({@code {model, prompt}} → {@code {embedding: […]}}).
 */
final class OllamaEmbeddings {
  static final String LEGACY_PATH = "/api/embeddings";

  /** The durations Ollama reports, made up: 1 ms per token. */
  private static final long NANOS_PER_TOKEN = 1_000_000L;

  private OllamaEmbeddings() {}

  /**
   * A request to either endpoint.
   *
   * @param legacy {@code /api/embeddings}: one {@code prompt}, one {@code embedding}
   */
  record Request(String model, List<String> inputs, int dimensions, boolean legacy)
      implements EmbeddingsRequest {
    @Override
    public JsonNode answer() {
      return legacy ? legacyAnswer(this) : OllamaEmbeddings.answer(this);
    }
  }

  static Request parse(Call call, int defaultDimensions) throws BadRequest {
    JsonNode body = call.body();
    String model = Messages.required(body, "model", "model is required");
    int dims = Embeddings.dimensions(body.path("dimensions"), "dimensions", defaultDimensions);
    if (call.path().equals(LEGACY_PATH)) {
      String prompt = Messages.required(body, "prompt", "the text to embed");
      return new Request(model, List.of(prompt), dims, true);
    }
    return new Request(model, inputs(body.path("input")), dims, false);
  }

  private static List<String> inputs(JsonNode input) throws BadRequest {
    if (input.isMissingNode()) {
      throw new BadRequest("missing required field 'input' (a string or a list of strings)");
    }
    var out = new ArrayList<String>();
    if (input.isTextual()) {
      out.add(input.textValue());
    } else if (input.isArray()) {
      for (JsonNode each : input) {
        if (!each.isTextual()) {
          throw new BadRequest("'input' must be a string or a list of strings, not " + input);
        }
        out.add(each.textValue());
      }
    }
    if (out.isEmpty() || out.stream().anyMatch(String::isEmpty)) {
      throw new BadRequest("'input' must be a non-empty string or a non-empty list of them");
    }
    return out;
  }

  private static JsonNode answer(Request r) {
    ArrayNode embeddings = Json.array();
    int tokens = 0;
    for (String input : r.inputs()) {
      embeddings.add(Embeddings.json(Embeddings.vector(input, r.dimensions())));
      tokens += Tokens.count(input);
    }
    ObjectNode body = Json.object().put("model", r.model());
    body.set("embeddings", embeddings);
    return body.put("total_duration", tokens * NANOS_PER_TOKEN)
        .put("load_duration", 0)
        .put("prompt_eval_count", tokens);
  }

  private static JsonNode legacyAnswer(Request r) {
    return Json.object()
        .set("embedding", Embeddings.json(Embeddings.vector(r.inputs().get(0), r.dimensions())));
  }
}
