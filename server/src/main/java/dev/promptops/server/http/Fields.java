package dev.promptops.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads typed fields of a JSON request body, with errors that name the field. */
public final class Fields {
  private Fields() {}

  public static String text(ObjectNode body, String field) {
    return optText(body, field).orElseThrow(() -> missing(field, "a string"));
  }

  public static Optional<String> optText(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw wrongType(field, "a string", v);
    }
    return Optional.of(v.textValue());
  }

  /** A true/false field; {@code otherwise} when absent or null. */
  public static boolean flag(ObjectNode body, String field, boolean otherwise) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return otherwise;
    }
    if (!v.isBoolean()) {
      throw wrongType(field, "true or false", v);
    }
    return v.booleanValue();
  }

  public static int integer(ObjectNode body, String field) {
    return optInteger(body, field).orElseThrow(() -> missing(field, "a whole number"));
  }

  public static Optional<Integer> optInteger(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(field, "a whole number", v);
    }
    return Optional.of(v.intValue());
  }

  /** A field that must be present but may be null (e.g. expectedVersion before the first pin). */
  public static Integer requiredNullableInteger(ObjectNode body, String field, String hint) {
    if (!body.has(field)) {
      throw new InvalidInputException(
          "missing_" + snake(field), "the body has no '" + field + "' field", hint);
    }
    return optInteger(body, field).orElse(null);
  }

  public static List<String> strings(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw missing(field, "a list of strings");
    }
    if (!v.isArray()) {
      throw wrongType(field, "a list of strings", v);
    }
    var out = new ArrayList<String>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw wrongType(field + "[]", "a string", item);
      }
      out.add(item.textValue());
    }
    return out;
  }

  /** Refuses a field not in {@code known}: a misspelt field must not be silently dropped. */
  public static ObjectNode only(ObjectNode body, Set<String> known, String what) {
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!known.contains(f)) {
                throw new InvalidInputException(
                    "unknown_field",
                    "unknown field '" + f + "' in the " + what,
                    "the fields are " + String.join(", ", known.stream().sorted().toList()));
              }
            });
    return body;
  }

  public static InvalidInputException missing(String field, String what) {
    return new InvalidInputException(
        "missing_" + snake(field),
        "the body has no '" + field + "' field",
        "add '" + field + "': " + what);
  }

  public static InvalidInputException wrongType(String field, String what, JsonNode found) {
    return new InvalidInputException(
        "invalid_" + snake(field.replace("[]", "")),
        "'"
            + field
            + "' must be "
            + what
            + ", not "
            + found.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
        "send '" + field + "' as " + what);
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
