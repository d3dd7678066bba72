package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.json.Json;

/**
 * What a render gets, as in Dotprompt's data argument: the template variables ({@code input}),
 * values for {@code @} variables ({@code context}, e.g. {@code {"state": {...}}} for {@code
 * {{@state.x}}}), the conversation so far ({@code messages}, inserted by {@code {{history}}}), and
 * retrieved documents ({@code docs}).
 */
public record RenderData(ObjectNode input, ObjectNode context, ArrayNode messages, JsonNode docs) {

  public RenderData {
    input = input == null ? Json.object() : input;
    context = context == null ? Json.object() : context;
  }

  public static RenderData of(ObjectNode input) {
    return new RenderData(input, null, null, null);
  }

  /** Reads {@code {"input":…, "context":…, "messages":[…], "docs":…}}; other keys are refused. */
  public static RenderData fromJson(JsonNode data) {
    if (data == null || data.isNull()) {
      return of(null);
    }
    if (!data.isObject()) {
      throw invalid("the render data must be an object {\"input\", \"context\", \"messages\"}");
    }
    for (var name : (Iterable<String>) data::fieldNames) {
      if (!name.equals("input")
          && !name.equals("context")
          && !name.equals("messages")
          && !name.equals("docs")) {
        throw invalid("unknown field '" + name + "' in the render data");
      }
    }
    return new RenderData(
        object(data, "input"), object(data, "context"), array(data, "messages"), data.get("docs"));
  }

  private static ObjectNode object(JsonNode data, String field) {
    JsonNode v = data.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!(v instanceof ObjectNode o)) {
      throw invalid("'" + field + "' must be an object");
    }
    return o;
  }

  private static ArrayNode array(JsonNode data, String field) {
    JsonNode v = data.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!(v instanceof ArrayNode a)) {
      throw invalid("'" + field + "' must be a list of messages");
    }
    for (JsonNode m : a) {
      if (!m.isObject() || !m.path("role").isTextual() || !m.path("content").isArray()) {
        throw invalid("each history message needs a 'role' and a 'content' list, got " + m);
      }
    }
    return a;
  }

  private static InvalidInputException invalid(String message) {
    return new InvalidInputException(
        "invalid_render_data",
        message,
        "send {\"input\": {variables}, \"context\": {...}, \"messages\": [{\"role\": \"user\","
            + " \"content\": [{\"text\": \"...\"}]}]}");
  }
}
