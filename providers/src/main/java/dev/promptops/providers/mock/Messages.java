package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Helpers the protocols share to read request bodies. */
final class Messages {
  private Messages() {}

  /** Text content: a string, or the {@code text} of every part of a list of parts, joined. */
  static String text(JsonNode content) {
    if (content == null || content.isNull() || content.isMissingNode()) {
      return "";
    }
    if (content.isTextual()) {
      return content.textValue();
    }
    if (content.isArray()) {
      var out = new StringBuilder();
      for (JsonNode part : content) {
        if (part.isTextual()) {
          out.append(part.textValue());
        } else if (part.path("text").isTextual()) {
          out.append(part.get("text").textValue());
        }
      }
      return out.toString();
    }
    return content.path("text").asText("");
  }

  /** A string field that must be there and not be blank. */
  static String required(JsonNode body, String field, String what) throws BadRequest {
    JsonNode value = body.path(field);
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new BadRequest(
          value.isMissingNode()
              ? "missing required field '" + field + "' (" + what + ")"
              : "'" + field + "' must be a non-empty string (" + what + ")");
    }
    return value.textValue();
  }

  /** An array field that must be there and not be empty. */
  static JsonNode requiredArray(JsonNode body, String field) throws BadRequest {
    JsonNode value = body.path(field);
    if (value.isMissingNode()) {
      throw new BadRequest("missing required field '" + field + "'");
    }
    if (!value.isArray() || value.isEmpty()) {
      throw new BadRequest("'" + field + "' must be a non-empty array");
    }
    return value;
  }

  /** Stop sequences: a string or a list of strings; absent is none. */
  static List<String> stops(JsonNode node) {
    var out = new ArrayList<String>();
    if (node.isTextual()) {
      out.add(node.textValue());
    } else if (node.isArray()) {
      node.forEach(s -> out.add(s.asText()));
    }
    return out;
  }

  /** A positive whole number, or null when absent. */
  static Integer count(JsonNode node, String field) throws BadRequest {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 1) {
      throw new BadRequest("'" + field + "' must be a whole number ≥ 1, not " + node);
    }
    return node.intValue();
  }

  static boolean bool(JsonNode node, boolean absent) {
    return node.isBoolean() ? node.booleanValue() : absent;
  }
}
