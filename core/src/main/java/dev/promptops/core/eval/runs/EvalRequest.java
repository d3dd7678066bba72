package dev.promptops.core.eval.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A request to run a suite on the server.
 *
 * @param suite the suite in the native format, as JSON, self-contained (registered prompts, inline
 *     cases)
 * @param name how reports name the suite
 * @param prompts registry references to evaluate instead of the suite's (empty: the suite's)
 * @param baseline the environment whose deployed versions are the baselines, or null
 * @param repeat overrides the suite's repeat, or null
 * @param concurrency case runs at once, or null for the suite's (else the server's default)
 * @param noCache call the models even for answers in the server's response cache
 */
public record EvalRequest(
    ObjectNode suite,
    String name,
    List<String> prompts,
    String baseline,
    Integer repeat,
    Integer concurrency,
    boolean noCache) {

  public EvalRequest {
    prompts = List.copyOf(prompts);
  }

  /** The options as stored with the run (everything but the suite). */
  public ObjectNode options() {
    ObjectNode o = Json.object();
    ArrayNode p = o.putArray("prompts");
    prompts.forEach(p::add);
    o.put("baseline", baseline);
    if (repeat != null) {
      o.put("repeat", repeat);
    }
    if (concurrency != null) {
      o.put("concurrency", concurrency);
    }
    o.put("noCache", noCache);
    return o;
  }

  /**
   * Reads {@code {"suite", "name"?, "prompts"?, "baseline"?, "repeat"?, "concurrency"?,
   * "noCache"?}}.
   */
  public static EvalRequest fromJson(JsonNode body) {
    if (!(body.get("suite") instanceof ObjectNode suite)) {
      throw new InvalidInputException(
          "invalid_eval_request",
          "the request has no 'suite' object",
          "send {\"suite\": {\"prompts\": [\"support/reply@3\"], \"cases\": [...]}}");
    }
    var prompts = new ArrayList<String>();
    body.path("prompts").forEach(p -> prompts.add(p.asText()));
    return new EvalRequest(
        suite,
        body.path("name").asText("submitted"),
        prompts,
        body.hasNonNull("baseline") ? body.get("baseline").asText() : null,
        optionalInt(body, "repeat"),
        optionalInt(body, "concurrency"),
        body.path("noCache").asBoolean(false));
  }

  /** The request stored with a run, read back. */
  static EvalRequest of(JsonNode suite, String name, JsonNode options) {
    ObjectNode body = Json.object();
    body.set("suite", suite);
    body.put("name", name);
    body.setAll((ObjectNode) options);
    return fromJson(body);
  }

  private static Integer optionalInt(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToInt()) {
      throw new InvalidInputException(
          "invalid_eval_request", "'" + field + "' must be a whole number", "e.g. 4");
    }
    return v.asInt();
  }
}
