package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON objects and lists inside a text, for {@code contains-json}: in prose, in a Markdown
 * fence, or the whole text. From each {@code {} or {@code [} the text is read to the bracket that
 * closes it (brackets inside JSON strings do not count), and that span must parse as JSON; found
 * values are not searched again for nested ones. A list counts only when it holds a string, an
 * object or a list, or is the whole text: a citation mark like {@code [1]} is not JSON output.
 *
 * <p>The search reads at most {@link #BUDGET} characters in all, so a text of a million unclosed
 * brackets is given up on rather than read a million times.
 */
final class JsonExtractor {
  static final long BUDGET = 20_000_000;
  static final int MAX_FOUND = 64;

  private JsonExtractor() {}

  /** The values found, in order, and whether the search stopped early. */
  record Found(List<JsonNode> values, boolean truncated) {}

  static Found find(String text) {
    var values = new ArrayList<JsonNode>();
    long[] budget = {BUDGET};
    for (int i = 0; i < text.length() && values.size() < MAX_FOUND; i++) {
      char c = text.charAt(i);
      if (c != '{' && c != '[') {
        continue;
      }
      int end = closing(text, i, budget);
      if (budget[0] <= 0) {
        return new Found(values, true);
      }
      JsonNode json = end < 0 ? null : parse(text, i, end, budget);
      if (json != null && counts(json, text, i, end)) {
        values.add(json);
        i = end;
      }
    }
    return new Found(values, values.size() >= MAX_FOUND);
  }

  private static JsonNode parse(String text, int start, int end, long[] budget) {
    budget[0] -= end - start + 1;
    return JsonText.parse(text.substring(start, end + 1)).json();
  }

  /** The index of the bracket closing the one at {@code start}, or -1. */
  private static int closing(String text, int start, long[] budget) {
    var open = new StringBuilder();
    boolean inString = false;
    for (int i = start; i < text.length(); i++) {
      if (--budget[0] <= 0) {
        return -1;
      }
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        open.append(c == '{' ? '}' : ']');
      } else if (c == '}' || c == ']') {
        if (open.charAt(open.length() - 1) != c) {
          return -1;
        }
        open.setLength(open.length() - 1);
        if (open.isEmpty()) {
          return i;
        }
      }
    }
    return -1;
  }

  private static boolean counts(JsonNode json, String text, int start, int end) {
    boolean whole = text.substring(0, start).isBlank() && text.substring(end + 1).isBlank();
    if (json.isObject() || whole) {
      return true;
    }
    for (JsonNode item : json) {
      if (item.isTextual() || item.isContainerNode()) {
        return true;
      }
    }
    return false;
  }
}
