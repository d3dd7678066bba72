package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini's embeddings: {@code POST /v1beta/models/{model}:embedContent} ({@code {content: {parts},
 * outputDimensionality?}} → {@code {embedding: {values: […]}}}) and {@code :batchEmbedContents}
 * ({@code {requests: [{model: "models/{model}", content, …}]}} → {@code {embeddings: [{values}]}}).
 * Field names in camelCase or snake_case.
 */
final class GeminiEmbeddings {
  static final String BATCH = ":batchEmbedContents";

  private GeminiEmbeddings() {}

  /**
   * A request to either endpoint: one text per content, each with its vector length.
   *
   * @param batch {@code :batchEmbedContents}
   */
  record Request(String model, List<String> inputs, List<Integer> dimensions, boolean batch)
      implements EmbeddingsRequest {
    Request {
      inputs = List.copyOf(inputs);
      dimensions = List.copyOf(dimensions);
    }

    @Override
    public JsonNode answer() {
      return GeminiEmbeddings.answer(this);
    }
  }

  static Request parse(Call call, int defaultDimensions) throws BadRequest {
    String model = call.pathModel();
    JsonNode body = call.body();
    if (!call.path().endsWith(BATCH)) {
      return new Request(
          model, List.of(text(body, "")), List.of(dimensions(body, "", defaultDimensions)), false);
    }
    JsonNode requests = Messages.requiredArray(body, "requests");
    var inputs = new ArrayList<String>();
    var dims = new ArrayList<Integer>();
    for (int i = 0; i < requests.size(); i++) {
      JsonNode each = requests.get(i);
      String at = "requests[" + i + "].";
      String named = each.path("model").asText("");
      if (!named.equals("models/" + model)) {
        throw new BadRequest(
            at
                + "model must be 'models/"
                + model
                + "' (the model of the URL), not '"
                + named
                + "'");
      }
      inputs.add(text(each, at));
      dims.add(dimensions(each, at, defaultDimensions));
    }
    return new Request(model, inputs, dims, true);
  }

  private static String text(JsonNode request, String at) throws BadRequest {
    JsonNode parts = request.path("content").path("parts");
    if (!parts.isArray() || parts.isEmpty()) {
      throw new BadRequest(
          at + "content.parts must be a non-empty list of parts, e.g. [{\"text\": \"…\"}]");
    }
    String text = GeminiDialect.parts(parts);
    if (text.isEmpty()) {
      throw new BadRequest(at + "content must have some text");
    }
    return text;
  }

  private static int dimensions(JsonNode request, String at, int absent) throws BadRequest {
    return Embeddings.dimensions(
        GeminiDialect.field(request, "outputDimensionality", "output_dimensionality"),
        at + "outputDimensionality",
        absent);
  }

  private static JsonNode answer(Request r) {
    ArrayNode embeddings = Json.array();
    for (int i = 0; i < r.inputs().size(); i++) {
      float[] v = Embeddings.vector(r.inputs().get(i), r.dimensions().get(i));
      embeddings.add(Json.object().set("values", Embeddings.json(v)));
    }
    return r.batch()
        ? Json.object().set("embeddings", embeddings)
        : Json.object().set("embedding", embeddings.get(0));
  }
}
