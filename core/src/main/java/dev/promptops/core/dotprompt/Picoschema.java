package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.promptops.core.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picoschema, Dotprompt's compact schema notation, to JSON Schema. A schema that already looks like
 * JSON Schema (a known {@code type}, or {@code properties}) passes through.
 *
 * <pre>
 * name: string, the user's name        required string with a description
 * age?: integer                         optional, so also nullable
 * tags(array, the tags): string         array of strings
 * address?(object): {street: string}    nested object
 * color(enum): [RED, GREEN]             enum
 * (*): any                              additional properties
 * </pre>
 *
 * Named schemas (a bare name that is not a scalar type) come from a resolver.
 */
final class Picoschema {
  private static final List<String> SCALARS =
      List.of("any", "boolean", "integer", "null", "number", "string");
  private static final List<String> JSON_SCHEMA_TYPES =
      List.of("any", "boolean", "integer", "null", "number", "string", "object", "array");
  private static final Pattern DESCRIPTION = Pattern.compile("(.*?), *(.*)$", Pattern.DOTALL);
  private static final String WILDCARD = "(*)";

  private final Function<String, Optional<JsonNode>> schemas;

  Picoschema(Function<String, Optional<JsonNode>> schemas) {
    this.schemas = schemas;
  }

  /**
   * JSON Schema for a schema value; null in, null out.
   *
   * @throws PicoschemaException when it is not valid Picoschema, names an unknown schema or nests
   *     deeper than {@link JsonSchemas#MAX_DEPTH} levels once expanded
   */
  JsonNode toJsonSchema(JsonNode schema) {
    if (schema != null && Json.deeperThan(schema, JsonSchemas.MAX_DEPTH)) {
      throw tooDeep();
    }
    JsonNode expanded = expand(schema);
    if (expanded != null && Json.deeperThan(expanded, JsonSchemas.MAX_DEPTH)) {
      throw tooDeep();
    }
    return expanded;
  }

  private static PicoschemaException tooDeep() {
    return new PicoschemaException(
        "the schema nests deeper than "
            + JsonSchemas.MAX_DEPTH
            + " levels (a Picoschema object"
            + " field counts two)",
        "flatten the schema, or name the nested parts as schemas of their own");
  }

  private JsonNode expand(JsonNode schema) {
    if (schema == null || schema.isNull() || isFalsy(schema)) {
      return null;
    }
    if (schema.isTextual()) {
      return stringValue(schema.textValue());
    }
    if (schema.isObject()) {
      JsonNode type = schema.get("type");
      if (type != null && type.isTextual() && JSON_SCHEMA_TYPES.contains(type.textValue())) {
        return schema;
      }
      if (schema.path("properties").isObject()) {
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        copy.put("type", "object");
        return copy;
      }
    }
    return pico(schema);
  }

  private static boolean isFalsy(JsonNode n) {
    return (n.isBoolean() && !n.booleanValue())
        || (n.isNumber() && n.doubleValue() == 0)
        || (n.isTextual() && n.textValue().isEmpty());
  }

  private JsonNode pico(JsonNode node) {
    if (node.isTextual()) {
      return stringValue(node.textValue());
    }
    if (node.isObject()) {
      return object((ObjectNode) node);
    }
    throw new PicoschemaException(
        "Picoschema consists only of objects and strings, got: " + node,
        "write a type name ('string, a description') or an object of fields");
  }

  private JsonNode stringValue(String text) {
    String[] td = typeAndDescription(text);
    if (SCALARS.contains(td[0])) {
      return scalar(td[0], td[1]);
    }
    JsonNode resolved =
        schemas
            .apply(td[0])
            .orElseThrow(
                () ->
                    new PicoschemaException(
                        "unknown type or schema '" + td[0] + "'",
                        "use one of " + String.join(", ", SCALARS) + ", or a named schema"));
    if (td[1] == null) {
      return resolved;
    }
    ObjectNode copy = resolved.deepCopy();
    copy.put("description", td[1]);
    return copy;
  }

  private static ObjectNode scalar(String type, String description) {
    ObjectNode n = Json.object();
    if (!type.equals("any")) {
      n.put("type", type);
    }
    if (description != null) {
      n.put("description", description);
    }
    return n;
  }

  private ObjectNode object(ObjectNode fields) {
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = Json.array();
    JsonNode additional = null;
    for (var field : fields.properties()) {
      if (field.getKey().equals(WILDCARD)) {
        additional = pico(field.getValue());
        continue;
      }
      property(field.getKey(), field.getValue(), properties, required);
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    if (additional != null) {
      schema.set("additionalProperties", additional);
    } else {
      schema.put("additionalProperties", false);
    }
    return schema;
  }

  private void property(String key, JsonNode value, ObjectNode properties, ArrayNode required) {
    int paren = key.indexOf('(');
    String name = paren < 0 ? key : key.substring(0, paren);
    boolean optional = name.endsWith("?");
    String propertyName = optional ? name.substring(0, name.length() - 1) : name;
    if (!optional) {
      required.add(propertyName);
    }
    if (paren < 0) {
      JsonNode prop = pico(value).deepCopy();
      if (optional && prop instanceof ObjectNode o && o.path("type").isTextual()) {
        nullable(o);
      }
      properties.set(propertyName, prop);
      return;
    }
    String inner = key.substring(paren + 1);
    inner = inner.endsWith(")") ? inner.substring(0, inner.length() - 1) : inner;
    String[] td = typeAndDescription(inner);
    ObjectNode prop = typed(td[0], value, optional, key);
    if (td[1] != null) {
      prop.put("description", td[1]);
    }
    properties.set(propertyName, prop);
  }

  private ObjectNode typed(String type, JsonNode value, boolean optional, String key) {
    switch (type) {
      case "array" -> {
        ObjectNode prop = Json.object();
        if (optional) {
          prop.putArray("type").add("array").add("null");
        } else {
          prop.put("type", "array");
        }
        prop.set("items", pico(value));
        return prop;
      }
      case "object" -> {
        ObjectNode prop = pico(value).deepCopy();
        if (optional) {
          nullable(prop);
        }
        return prop;
      }
      case "enum" -> {
        if (!value.isArray()) {
          throw new PicoschemaException(
              "field '" + key + "' is an enum but its value is not a list",
              "write the values as a list, e.g. [RED, GREEN]");
        }
        ObjectNode prop = Json.object();
        ArrayNode values = ((ArrayNode) value).deepCopy();
        boolean hasNull = false;
        for (JsonNode v : values) {
          hasNull |= v.isNull();
        }
        if (optional && !hasNull) {
          values.addNull();
        }
        prop.set("enum", values);
        return prop;
      }
      default ->
          throw new PicoschemaException(
              "field '" + key + "' has the parenthetical type '" + type + "'",
              "a parenthetical type is array, object or enum, e.g. tags(array): string");
    }
  }

  private static void nullable(ObjectNode prop) {
    JsonNode type = prop.get("type");
    ArrayNode types = Json.array();
    types.add(type == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : type);
    types.add(new TextNode("null"));
    prop.set("type", types);
  }

  private static String[] typeAndDescription(String text) {
    if (!text.contains(",")) {
      return new String[] {text, null};
    }
    Matcher m = DESCRIPTION.matcher(text);
    if (!m.matches()) {
      return new String[] {text, null};
    }
    return new String[] {m.group(1), m.group(2)};
  }
}
