package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.CanonicalJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Template data with JavaScript's semantics, so that a template renders here exactly as it does in
 * the reference Dotprompt implementation: numbers print as JavaScript prints them ({@code 3}, not
 * {@code 3.0}), arrays as {@code a,b}, objects as {@code [object Object]}; integral numbers are one
 * type, so {@code 5} and {@code 5.0} are equal.
 */
final class JsValues {
  private JsValues() {}

  /** A JSON object as template data. */
  static final class JsObject extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
      return "[object Object]";
    }
  }

  /** A JSON array as template data. */
  static final class JsArray extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
      var out = new StringJoiner(",");
      for (Object o : this) {
        out.add(o == null ? "" : o.toString());
      }
      return out.toString();
    }
  }

  /** A number that is not a whole number within long range, printed as JavaScript prints it. */
  static final class JsNumber extends Number {
    private static final long serialVersionUID = 1L;
    private final double value;

    JsNumber(double value) {
      this.value = value;
    }

    @Override
    public int intValue() {
      return (int) value;
    }

    @Override
    public long longValue() {
      return (long) value;
    }

    @Override
    public float floatValue() {
      return (float) value;
    }

    @Override
    public double doubleValue() {
      return value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof JsNumber n && Double.compare(n.value, value) == 0;
    }

    @Override
    public int hashCode() {
      return Double.hashCode(value);
    }

    @Override
    public String toString() {
      return numberToString(value);
    }
  }

  /** JavaScript's {@code Number.prototype.toString()}. */
  static String numberToString(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return CanonicalJson.decimal(BigDecimal.valueOf(d));
  }

  /** Converts JSON to template data. */
  static Object fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return switch (node.getNodeType()) {
      case OBJECT -> {
        var map = new JsObject();
        node.properties().forEach(e -> map.put(e.getKey(), fromJson(e.getValue())));
        yield map;
      }
      case ARRAY -> {
        var list = new JsArray();
        node.forEach(item -> list.add(fromJson(item)));
        yield list;
      }
      case STRING -> node.textValue();
      case BOOLEAN -> node.booleanValue();
      case NUMBER -> number(node);
      default -> node.toString();
    };
  }

  private static Object number(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    double d = node.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
      return (long) d;
    }
    return new JsNumber(d);
  }

  /** Converts template data back to JSON (for the {@code json} helper). */
  static JsonNode toJson(Object value) {
    var f = JsonNodeFactory.instance;
    if (value == null) {
      return f.nullNode();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = f.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
      return object;
    }
    if (value instanceof Iterable<?> items) {
      ArrayNode array = f.arrayNode();
      items.forEach(v -> array.add(toJson(v)));
      return array;
    }
    if (value instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (value instanceof Long || value instanceof Integer) {
      return f.numberNode(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      // JSON has no Infinity or NaN: JSON.stringify writes null
      return Double.isFinite(d) ? f.numberNode(BigDecimal.valueOf(d)) : f.nullNode();
    }
    return f.textNode(value.toString());
  }

  /** JavaScript's {@code JSON.stringify(value, null, indent)}. */
  static String stringify(Object value, int indent) {
    var out = new StringBuilder();
    write(out, toJson(value), Math.max(0, Math.min(indent, 10)), 0);
    return out.toString();
  }

  private static void write(StringBuilder out, JsonNode node, int indent, int depth) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        if (node.isEmpty()) {
          out.append("{}");
          return;
        }
        out.append('{');
        boolean first = true;
        for (var e : node.properties()) {
          out.append(first ? "" : ",");
          first = false;
          newline(out, indent, depth + 1);
          CanonicalJson.appendString(out, e.getKey());
          out.append(indent > 0 ? ": " : ":");
          write(out, e.getValue(), indent, depth + 1);
        }
        newline(out, indent, depth);
        out.append('}');
      }
      case ARRAY -> {
        if (node.isEmpty()) {
          out.append("[]");
          return;
        }
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          out.append(i == 0 ? "" : ",");
          newline(out, indent, depth + 1);
          write(out, node.get(i), indent, depth + 1);
        }
        newline(out, indent, depth);
        out.append(']');
      }
      case STRING -> CanonicalJson.appendString(out, node.textValue());
      case NUMBER -> out.append(numberToString(node.doubleValue(), node));
      case BOOLEAN -> out.append(node.booleanValue());
      default -> out.append("null");
    }
  }

  private static String numberToString(double d, JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Long.toString(node.longValue());
    }
    return numberToString(d);
  }

  private static void newline(StringBuilder out, int indent, int depth) {
    if (indent > 0) {
      out.append('\n').append(" ".repeat(indent * depth));
    }
  }

  /**
   * Resolves names in template data as JavaScript would: a key of an object, and {@code length} of
   * an array or a string. Nothing else: no Java getters or methods ({@code name.bytes} is empty, as
   * in the reference, not a Java array's identity), and no reflection on the render path.
   */
  static final com.github.jknack.handlebars.ValueResolver RESOLVER =
      new com.github.jknack.handlebars.ValueResolver() {
        private final com.github.jknack.handlebars.ValueResolver maps =
            com.github.jknack.handlebars.context.MapValueResolver.INSTANCE;

        @Override
        public Object resolve(Object context, String name) {
          Object value = maps.resolve(context, name);
          if (value == UNRESOLVED && "length".equals(name)) {
            if (context instanceof java.util.List<?> list) {
              return (long) list.size();
            }
            if (context instanceof String text) {
              return (long) text.length();
            }
          }
          return value;
        }

        @Override
        public Object resolve(Object context) {
          return maps.resolve(context);
        }

        @Override
        public java.util.Set<Map.Entry<String, Object>> propertySet(Object context) {
          return maps.propertySet(context);
        }
      };
}
