package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A quick check of variables against the schemas Picoschema writes: {@code type}, {@code
 * properties}, {@code required}, {@code additionalProperties}, {@code items} and {@code enum}, and
 * annotations. It only ever says "these variables fit" when the full JSON Schema validator would
 * say so too; when it is not sure (or they do not fit) the full validator decides and writes the
 * messages. A schema with any other keyword has no quick check.
 */
final class SimpleSchema {
  private static final Set<String> ANNOTATIONS =
      Set.of(
          "description",
          "title",
          "default",
          "examples",
          "$comment",
          "deprecated",
          "readOnly",
          "writeOnly");

  private enum Type {
    STRING,
    NUMBER,
    INTEGER,
    BOOLEAN,
    NULL,
    OBJECT,
    ARRAY
  }

  /** {@code false} as a schema: nothing fits. */
  private final boolean nothing;

  /** The allowed types, or null for any. */
  private final Type[] types;

  private final Map<String, SimpleSchema> properties;
  private final String[] required;

  /** For other keys: null allows any, else their schema ({@code false}: none allowed). */
  private final SimpleSchema additional;

  private final SimpleSchema items;
  private final JsonNode[] enumeration;

  private SimpleSchema(
      boolean nothing,
      Type[] types,
      Map<String, SimpleSchema> properties,
      String[] required,
      SimpleSchema additional,
      SimpleSchema items,
      JsonNode[] enumeration) {
    this.nothing = nothing;
    this.types = types;
    this.properties = properties;
    this.required = required;
    this.additional = additional;
    this.items = items;
    this.enumeration = enumeration;
  }

  /** {@code true} as a schema: anything fits. */
  static final SimpleSchema ANY = new SimpleSchema(false, null, Map.of(), null, null, null, null);

  /** {@code false} as a schema: nothing surely fits (the full validator decides every time). */
  static final SimpleSchema NOTHING =
      new SimpleSchema(true, null, Map.of(), null, null, null, null);

  /** The quick check of {@code schema}, or null when it uses more than this class knows. */
  static SimpleSchema of(JsonNode schema) {
    return of(schema, 0);
  }

  private static SimpleSchema of(JsonNode schema, int depth) {
    if (depth > JsonSchemas.MAX_DEPTH) {
      return null;
    }
    if (schema.isBoolean()) {
      return schema.booleanValue() ? ANY : NOTHING;
    }
    if (!schema.isObject()) {
      return null;
    }
    Type[] types = null;
    Map<String, SimpleSchema> properties = Map.of();
    String[] required = null;
    SimpleSchema additional = null;
    SimpleSchema items = null;
    JsonNode[] enumeration = null;
    for (Map.Entry<String, JsonNode> e : schema.properties()) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "type" -> {
          types = types(v);
          if (types == null) {
            return null;
          }
        }
        case "properties" -> {
          if (!v.isObject()) {
            return null;
          }
          properties = new HashMap<>();
          for (Map.Entry<String, JsonNode> p : v.properties()) {
            SimpleSchema s = of(p.getValue(), depth + 1);
            if (s == null) {
              return null;
            }
            properties.put(p.getKey(), s);
          }
        }
        case "required" -> {
          if (!v.isArray()) {
            return null;
          }
          var names = new ArrayList<String>();
          for (JsonNode n : v) {
            if (!n.isTextual()) {
              return null;
            }
            names.add(n.textValue());
          }
          required = names.toArray(String[]::new);
        }
        case "additionalProperties" -> {
          additional = of(v, depth + 1);
          if (additional == null) {
            return null;
          }
        }
        case "items" -> {
          items = of(v, depth + 1);
          if (items == null) {
            return null;
          }
        }
        case "enum" -> {
          if (!v.isArray()) {
            return null;
          }
          var values = new ArrayList<JsonNode>();
          v.forEach(values::add);
          enumeration = values.toArray(JsonNode[]::new);
        }
        default -> {
          if (!ANNOTATIONS.contains(e.getKey())) {
            return null;
          }
        }
      }
    }
    return new SimpleSchema(false, types, properties, required, additional, items, enumeration);
  }

  private static Type[] types(JsonNode v) {
    List<JsonNode> names = new ArrayList<>();
    if (v.isTextual()) {
      names.add(v);
    } else if (v.isArray() && !v.isEmpty()) {
      v.forEach(names::add);
    } else {
      return null;
    }
    var out = new Type[names.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode n = names.get(i);
      if (!n.isTextual()) {
        return null;
      }
      out[i] =
          switch (n.textValue()) {
            case "string" -> Type.STRING;
            case "number" -> Type.NUMBER;
            case "integer" -> Type.INTEGER;
            case "boolean" -> Type.BOOLEAN;
            case "null" -> Type.NULL;
            case "object" -> Type.OBJECT;
            case "array" -> Type.ARRAY;
            default -> null;
          };
      if (out[i] == null) {
        return null;
      }
    }
    return out;
  }

  /**
   * Whether {@code value} surely fits. False means "not sure": the full validator decides.
   * Allocates nothing.
   */
  boolean accepts(JsonNode value) {
    if (nothing) {
      return false;
    }
    if (types != null && !typeFits(value)) {
      return false;
    }
    if (enumeration != null && !inEnumeration(value)) {
      return false;
    }
    if (value.isObject()) {
      return objectFits(value);
    }
    if (items != null && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        if (!items.accepts(value.get(i))) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean typeFits(JsonNode value) {
    for (Type t : types) {
      boolean fits =
          switch (t) {
            case STRING -> value.isTextual();
            // an integral double (2.0) is an integer to JSON Schema: the full validator decides
            case INTEGER -> value.isIntegralNumber();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case NULL -> value.isNull();
            case OBJECT -> value.isObject();
            case ARRAY -> value.isArray();
          };
      if (fits) {
        return true;
      }
    }
    return false;
  }

  private boolean inEnumeration(JsonNode value) {
    for (JsonNode e : enumeration) {
      if (e.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private boolean objectFits(JsonNode value) {
    if (required != null) {
      for (String name : required) {
        if (!value.has(name)) {
          return false;
        }
      }
    }
    if (properties.isEmpty() && additional == null) {
      return true;
    }
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      SimpleSchema s = properties.get(e.getKey());
      if (s == null) {
        s = additional;
      }
      if (s != null && !s.accepts(e.getValue())) {
        return false;
      }
    }
    return true;
  }
}
