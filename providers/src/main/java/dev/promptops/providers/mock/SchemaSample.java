package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.util.Locale;
import java.util.Map;

/**
 * A value that follows a JSON schema (or Gemini's OpenAPI-style schema, types in capitals): the
 * first {@code const}/{@code enum} value, every property of an object, one item per array, the echo
 * text for strings, the minimum (or 0) for numbers. What the default echo answers when a request
 * asks for JSON with a schema.
 */
final class SchemaSample {
  private static final int MAX_DEPTH = 16;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final JsonNode root;
  private final String text;

  private SchemaSample(JsonNode root, String text) {
    this.root = root;
    this.text = text;
  }

  static JsonNode of(JsonNode schema, String text) {
    return new SchemaSample(schema, text).sample(schema, 0);
  }

  private JsonNode sample(JsonNode schema, int depth) {
    if (depth > MAX_DEPTH || schema == null || !schema.isObject()) {
      return F.nullNode();
    }
    if (schema.has("$ref")) {
      return sample(resolve(schema.get("$ref").asText()), depth + 1);
    }
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.path("enum").isArray() && !schema.get("enum").isEmpty()) {
      return schema.get("enum").get(0);
    }
    for (String choice : new String[] {"anyOf", "oneOf", "allOf"}) {
      if (schema.path(choice).isArray() && !schema.get(choice).isEmpty()) {
        return sample(firstNotNull(schema.get(choice)), depth + 1);
      }
    }
    return byType(schema, type(schema), depth);
  }

  private JsonNode byType(JsonNode schema, String type, int depth) {
    return switch (type) {
      case "object" -> object(schema, depth);
      case "array" -> array(schema, depth);
      case "integer" -> F.numberNode(schema.path("minimum").asLong(0));
      case "number" -> F.numberNode(schema.path("minimum").asDouble(0));
      case "boolean" -> F.booleanNode(true);
      case "null" -> F.nullNode();
      default -> F.textNode(string(schema.path("format").asText("")));
    };
  }

  private String type(JsonNode schema) {
    JsonNode t = schema.path("type");
    if (t.isArray()) {
      for (JsonNode each : t) {
        if (!"null".equalsIgnoreCase(each.asText())) {
          return each.asText().toLowerCase(Locale.ROOT);
        }
      }
    }
    if (t.isTextual()) {
      return t.textValue().toLowerCase(Locale.ROOT);
    }
    if (schema.has("properties")) {
      return "object";
    }
    return schema.has("items") ? "array" : "string";
  }

  private JsonNode object(JsonNode schema, int depth) {
    ObjectNode out = Json.object();
    JsonNode props = schema.path("properties");
    if (!props.isObject() || props.isEmpty()) {
      return out.put("echo", text);
    }
    for (Map.Entry<String, JsonNode> e : props.properties()) {
      out.set(e.getKey(), sample(e.getValue(), depth + 1));
    }
    return out;
  }

  private JsonNode array(JsonNode schema, int depth) {
    ArrayNode out = Json.array();
    int n = Math.min(3, Math.max(1, schema.path("minItems").asInt(1)));
    for (int i = 0; i < n; i++) {
      out.add(sample(schema.path("items"), depth + 1));
    }
    return out;
  }

  private String string(String format) {
    return switch (format) {
      case "date-time" -> "1970-01-01T00:00:00Z";
      case "date" -> "1970-01-01";
      case "email" -> "echo@example.com";
      case "uri" -> "https://example.com/";
      default -> text;
    };
  }

  private JsonNode resolve(String ref) {
    if (!ref.startsWith("#")) {
      return null;
    }
    JsonNode target = root.at(ref.substring(1));
    return target.isMissingNode() ? null : target;
  }

  private static JsonNode firstNotNull(JsonNode choices) {
    for (JsonNode c : choices) {
      if (!"null".equalsIgnoreCase(c.path("type").asText())) {
        return c;
      }
    }
    return choices.get(0);
  }
}
