package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/** OpenAI's {@code POST /v1/embeddings} (and Azure's {@code …/deployments/{d}/embeddings}). */
final class OpenAiEmbeddings {
  private OpenAiEmbeddings() {}

  /** An embeddings request: the texts, and how the vectors should come back. */
  record Request(String model, List<String> inputs, int dimensions, boolean base64)
      implements EmbeddingsRequest {
    @Override
    public JsonNode answer() {
      return OpenAiEmbeddings.answer(this);
    }
  }

  static Request parse(Call call, OpenAiDialect dialect, int defaultDimensions) throws BadRequest {
    JsonNode body = call.body();
    String model = dialect.model(call);
    JsonNode input = body.path("input");
    if (input.isMissingNode()) {
      throw new BadRequest("missing required field 'input'");
    }
    List<String> inputs = inputs(input);
    int dims = Embeddings.dimensions(body.path("dimensions"), "dimensions", defaultDimensions);
    String encoding = body.path("encoding_format").asText("float");
    if (!encoding.equals("float") && !encoding.equals("base64")) {
      throw new BadRequest("'encoding_format' must be float or base64, not '" + encoding + "'");
    }
    return new Request(model, inputs, dims, encoding.equals("base64"));
  }

  /** A string, a list of strings, a list of token ids, or a list of lists of token ids. */
  private static List<String> inputs(JsonNode input) throws BadRequest {
    var out = new ArrayList<String>();
    if (input.isTextual()) {
      out.add(input.textValue());
    } else if (input.isArray() && !input.isEmpty() && input.get(0).isNumber()) {
      out.add(input.toString());
    } else if (input.isArray()) {
      for (JsonNode each : input) {
        if (!each.isTextual() && !each.isArray()) {
          throw new BadRequest("'input' must be a string or a list of strings, not " + input);
        }
        out.add(each.isTextual() ? each.textValue() : each.toString());
      }
    }
    if (out.isEmpty() || out.stream().anyMatch(String::isEmpty)) {
      throw new BadRequest("'input' must be a non-empty string or a non-empty list of them");
    }
    return out;
  }

  static JsonNode answer(Request r) {
    ArrayNode data = Json.array();
    int tokens = 0;
    for (int i = 0; i < r.inputs().size(); i++) {
      float[] v = Embeddings.vector(r.inputs().get(i), r.dimensions());
      ObjectNode item = Json.object().put("object", "embedding").put("index", i);
      if (r.base64()) {
        item.put("embedding", Embeddings.base64(v));
      } else {
        item.set("embedding", Embeddings.json(v));
      }
      data.add(item);
      tokens += Tokens.count(r.inputs().get(i));
    }
    ObjectNode body = Json.object().put("object", "list");
    body.set("data", data);
    body.put("model", r.model());
    body.set("usage", Json.object().put("prompt_tokens", tokens).put("total_tokens", tokens));
    return body;
  }
}
