package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Deep equality of JSON values as JavaScript sees it: numbers are equal by value ({@code 1} equals
 * {@code 1.0}), object keys in any order, lists in order.
 */
final class JsonEquality {
  private JsonEquality() {}

  static boolean equal(JsonNode expected, JsonNode actual) {
    return difference(expected, actual) == null;
  }

  /** Where {@code actual} first differs from {@code expected} ({@code $.a is 1, expected 2}). */
  static String difference(JsonNode expected, JsonNode actual) {
    return difference("$", expected, actual);
  }

  private static String difference(String at, JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      return numbersEqual(expected, actual) ? null : mismatch(at, expected, actual);
    }
    if (expected.getNodeType() != actual.getNodeType()) {
      return mismatch(at, expected, actual);
    }
    if (expected.isObject()) {
      return objectDifference(at, expected, actual);
    }
    if (expected.isArray()) {
      return arrayDifference(at, expected, actual);
    }
    return expected.equals(actual) ? null : mismatch(at, expected, actual);
  }

  private static boolean numbersEqual(JsonNode a, JsonNode b) {
    if (!finite(a) || !finite(b)) {
      return a.doubleValue() == b.doubleValue();
    }
    return a.decimalValue().compareTo(b.decimalValue()) == 0;
  }

  private static boolean finite(JsonNode n) {
    return !(n.isFloatingPointNumber() && !n.isBigDecimal() && !Double.isFinite(n.doubleValue()));
  }

  private static String objectDifference(String at, JsonNode expected, JsonNode actual) {
    for (Map.Entry<String, JsonNode> e : expected.properties()) {
      JsonNode other = actual.get(e.getKey());
      String path = at + key(e.getKey());
      String d = other == null ? path + " is missing" : difference(path, e.getValue(), other);
      if (d != null) {
        return d;
      }
    }
    for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!expected.has(name)) {
        return at + key(name) + " is not expected";
      }
    }
    return null;
  }

  private static String arrayDifference(String at, JsonNode expected, JsonNode actual) {
    if (expected.size() != actual.size()) {
      return at + " has " + Format.count(actual.size(), "item") + ", expected " + expected.size();
    }
    for (int i = 0; i < expected.size(); i++) {
      String d = difference(at + "[" + i + "]", expected.get(i), actual.get(i));
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  static String key(String name) {
    return name.matches("[A-Za-z_$][A-Za-z0-9_$]*")
        ? "." + name
        : "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  private static String mismatch(String at, JsonNode expected, JsonNode actual) {
    return at + " is " + Format.json(actual) + ", expected " + Format.json(expected);
  }
}
