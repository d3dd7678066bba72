package dev.promptops.core.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.dotprompt.JsonSchemas;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's answer checked against what its prompt asks for: with {@code output.format: json} the
 * answer (a Markdown code fence around it is allowed) must parse as JSON and fit {@code
 * output.schema}.
 *
 * @param json the parsed answer, or null (not JSON, or the prompt does not ask for JSON)
 * @param errors why the answer does not fit; empty when it does or nothing was asked
 */
public record OutputCheck(JsonNode json, List<String> errors) {
  public OutputCheck {
    errors = List.copyOf(errors);
  }

  public static OutputCheck of(ObjectNode metadata, String text) {
    if (!Generation.wantsJson(metadata)) {
      return new OutputCheck(null, List.of());
    }
    var errors = new ArrayList<String>();
    JsonNode json = null;
    try {
      json = Json.parse(stripFences(text));
      JsonNode schema = metadata.path("output").path("schema");
      if (schema.isObject()) {
        errors.addAll(JsonSchemas.validate(schema, json));
      }
    } catch (JsonProcessingException e) {
      errors.add("the output is not JSON: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      errors.add("the output schema cannot be used: " + e.getMessage());
    }
    return new OutputCheck(json, errors);
  }

  /** The JSON Schema the prompt's output must fit, or null when it asks for none. */
  public static JsonNode schema(ObjectNode metadata) {
    JsonNode schema = metadata.path("output").path("schema");
    return Generation.wantsJson(metadata) && schema.isObject() ? schema : null;
  }

  private static String stripFences(String text) {
    String t = text.strip();
    if (t.startsWith("```")) {
      int firstNewline = t.indexOf('\n');
      int end = t.lastIndexOf("```");
      if (firstNewline > 0 && end > firstNewline) {
        return t.substring(firstNewline + 1, end).strip();
      }
    }
    return t;
  }
}
