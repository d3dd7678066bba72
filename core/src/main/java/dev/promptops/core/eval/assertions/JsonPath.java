package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A location in a JSON value, written as a JSONPath subset or a JSON Pointer.
 *
 * <ul>
 *   <li>JSONPath: {@code $} then steps {@code .key}, {@code ['key']} (or {@code ["key"]}, for keys
 *       with dots, spaces or brackets; {@code \'} escapes a quote) and {@code [n]} (a list index
 *       from 0; {@code [-1]} is the last item). Wildcards, filters and {@code ..} are not
 *       supported: a path names one value.
 *   <li>JSON Pointer (RFC 6901): {@code /order/items/0}, {@code ~1} for {@code /}, {@code ~0} for
 *       {@code ~}.
 * </ul>
 */
final class JsonPath {
  private final String text;
  private final List<Object> steps;
  private final JsonPointer pointer;

  private JsonPath(String text, List<Object> steps, JsonPointer pointer) {
    this.text = text;
    this.steps = steps;
    this.pointer = pointer;
  }

  /**
   * The path a text writes.
   *
   * @throws IllegalArgumentException saying where it is malformed
   */
  static JsonPath parse(String text) {
    if (text.startsWith("/")) {
      try {
        return new JsonPath(text, List.of(), JsonPointer.compile(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("is not a JSON Pointer: " + e.getMessage(), e);
      }
    }
    if (!text.startsWith("$")) {
      throw new IllegalArgumentException(
          "must start with $ (JSONPath, $.order.status) or / (JSON Pointer, /order/status)");
    }
    return new JsonPath(text, new Parser(text).steps(), null);
  }

  /** The value at this path, if there is one. */
  Optional<JsonNode> select(JsonNode root) {
    if (pointer != null) {
      JsonNode found = root.at(pointer);
      return found.isMissingNode() ? Optional.empty() : Optional.of(found);
    }
    JsonNode node = root;
    for (Object step : steps) {
      node =
          step instanceof Integer i
              ? item(node, i)
              : node.isObject() ? node.get((String) step) : null;
      if (node == null) {
        return Optional.empty();
      }
    }
    return Optional.of(node);
  }

  private static JsonNode item(JsonNode node, int index) {
    if (!node.isArray()) {
      return null;
    }
    return node.get(index < 0 ? node.size() + index : index);
  }

  @Override
  public String toString() {
    return text;
  }

  /** Reads the steps of a JSONPath after its {@code $}. */
  private static final class Parser {
    private final String text;
    private final List<Object> steps = new ArrayList<>();
    private int i = 1;

    Parser(String text) {
      this.text = text;
    }

    List<Object> steps() {
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '.') {
          i++;
          steps.add(name());
        } else if (c == '[') {
          steps.add(bracket(i++));
        } else {
          throw error("expected . or [ but found '" + c + "'");
        }
      }
      return steps;
    }

    private String name() {
      int start = i;
      while (i < text.length() && "[].'\"* \t\r\n".indexOf(text.charAt(i)) < 0) {
        i++;
      }
      if (i == start) {
        String found = i < text.length() ? "'" + text.charAt(i) + "'" : "the end";
        throw error(
            "expected a key after '.' but found "
                + found
                + " (wildcards and .. are not supported; write ['key'] for a key with spaces"
                + " or dots)");
      }
      return text.substring(start, i);
    }

    private Object bracket(int open) {
      if (i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"')) {
        String key = quoted(text.charAt(i));
        expect(']');
        return key;
      }
      int close = text.indexOf(']', i);
      if (close < 0) {
        i = open;
        throw error("the [ is not closed");
      }
      String index = text.substring(i, close).strip();
      if (!index.matches("-?[0-9]{1,9}")) {
        throw error("expected a list index or a quoted key in [ ], found '" + index + "'");
      }
      i = close + 1;
      return Integer.parseInt(index);
    }

    private String quoted(char quote) {
      int open = i;
      var key = new StringBuilder();
      for (i++; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < text.length()) {
          key.append(text.charAt(++i));
        } else if (c == quote) {
          i++;
          return key.toString();
        } else {
          key.append(c);
        }
      }
      i = open;
      throw error("the quoted key is not closed");
    }

    private void expect(char c) {
      if (i >= text.length() || text.charAt(i) != c) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "is not a valid path at character " + (i + 1) + ": " + what);
    }
  }
}
