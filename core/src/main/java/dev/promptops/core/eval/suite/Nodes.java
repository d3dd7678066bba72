package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Checked reading of YAML/JSON values; every error names where the value is and what it wants. */
final class Nodes {
  private Nodes() {}

  static boolean absent(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  static ObjectNode object(JsonNode n, String where, String example) {
    if (n instanceof ObjectNode o) {
      return o;
    }
    throw SuiteErrors.invalid(where, "must be a mapping, not " + kind(n), "write it as " + example);
  }

  /** Refuses a key outside {@code known}, naming the known ones. */
  static void onlyKeys(JsonNode obj, Collection<String> known, String where) {
    for (String key : (Iterable<String>) obj::fieldNames) {
      if (!known.contains(key)) {
        throw SuiteErrors.invalid(
            where, "unknown key '" + key + "'", "use only " + String.join(", ", known));
      }
    }
  }

  static String text(JsonNode obj, String field, String where) {
    JsonNode v = obj.get(field);
    if (absent(v)) {
      return null;
    }
    if (!v.isTextual()) {
      throw SuiteErrors.invalid(
          where, field + " must be text, not " + kind(v), "quote it: " + field + ": \"…\"");
    }
    return v.textValue();
  }

  static String requiredText(JsonNode obj, String field, String where, String example) {
    String v = text(obj, field, where);
    if (v == null || v.isBlank()) {
      throw SuiteErrors.invalid(where, field + " is missing", "add it, e.g. " + example);
    }
    return v;
  }

  static Double number(JsonNode obj, String field, String where) {
    JsonNode v = obj.get(field);
    if (absent(v)) {
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw SuiteErrors.invalid(
          where, field + " must be a number, not " + kind(v), "write e.g. " + field + ": 0.8");
    }
    return v.doubleValue();
  }

  /** A number in [0, 1]: a rate or a score. */
  static Double rate(JsonNode obj, String field, String where) {
    Double v = number(obj, field, where);
    if (v != null && (v < 0 || v > 1)) {
      throw SuiteErrors.invalid(
          where, field + " must be between 0 and 1: " + v, "write a share, e.g. 0.95 for 95%");
    }
    return v;
  }

  static Integer whole(JsonNode obj, String field, String where, int min, int max) {
    JsonNode v = obj.get(field);
    if (absent(v)) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
      throw SuiteErrors.invalid(
          where,
          field + " must be a whole number from " + min + " to " + max + ", not " + shown(v),
          "write e.g. " + field + ": " + Math.max(min, 1));
    }
    return v.intValue();
  }

  static boolean flag(JsonNode obj, String field, String where) {
    JsonNode v = obj.get(field);
    if (absent(v)) {
      return false;
    }
    if (!v.isBoolean()) {
      throw SuiteErrors.invalid(
          where, field + " must be true or false, not " + shown(v), "write " + field + ": true");
    }
    return v.booleanValue();
  }

  /** The elements of a list; a single value stands for a list of one. */
  static List<JsonNode> items(JsonNode n) {
    var out = new ArrayList<JsonNode>();
    if (absent(n)) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(out::add);
    } else {
      out.add(n);
    }
    return out;
  }

  static List<JsonNode> list(JsonNode n, String where, String example) {
    if (absent(n)) {
      return new ArrayList<>();
    }
    if (!n.isArray()) {
      throw SuiteErrors.invalid(where, "must be a list, not " + kind(n), "write it as " + example);
    }
    return items(n);
  }

  static String kind(JsonNode n) {
    if (absent(n)) {
      return "nothing";
    }
    return switch (n.getNodeType()) {
      case OBJECT -> "a mapping";
      case ARRAY -> "a list";
      case STRING -> "text";
      case NUMBER -> "a number";
      case BOOLEAN -> "true/false";
      default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  static String shown(JsonNode n) {
    String s = n.toString();
    return s.length() > 60 ? s.substring(0, 57) + "…" : s;
  }
}
