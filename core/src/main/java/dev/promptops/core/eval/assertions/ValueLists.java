package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * List values of {@code contains-any} and its kin: a YAML list of strings (or numbers), or one
 * comma-separated string as promptfoo accepts it ({@code "refund, return"}; quote an item holding a
 * comma: {@code "\"1,000\", in stock"}; inside quotes {@code \"} or {@code ""} is a quote).
 * Variables are substituted before a string is split.
 */
final class ValueLists {
  private ValueLists() {}

  /** Checks the value's shape. */
  static void check(AssertionSpec spec, String example) {
    JsonNode value = spec.value();
    if (value != null && value.isTextual()) {
      checkCsv(spec, value.textValue(), example);
      return;
    }
    if (value == null || !value.isArray() || value.isEmpty()) {
      throw Problems.invalid(
          spec,
          "needs a value: a list of texts or one comma-separated string, got "
              + (value != null && value.isArray() ? "an empty list" : Values.describe(value)),
          example);
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!Values.isText(item) || Values.text(item).isEmpty()) {
        throw Problems.invalid(
            spec,
            "item " + (i + 1) + " of the list must be a non-empty text, got " + describe(item),
            example);
      }
    }
  }

  private static String describe(JsonNode item) {
    return item.isTextual() ? "an empty string" : Values.describe(item);
  }

  private static void checkCsv(AssertionSpec spec, String text, String example) {
    try {
      if (split(text).isEmpty()) {
        throw Problems.invalid(spec, "the comma-separated value names no text", example);
      }
    } catch (IllegalArgumentException e) {
      throw Problems.invalid(spec, "the comma-separated value " + e.getMessage(), example);
    }
  }

  /**
   * The items, variables substituted.
   *
   * @throws IllegalArgumentException when a substituted string no longer splits
   */
  static List<String> items(JsonNode value, AssertionContext ctx) {
    if (value.isTextual()) {
      return split(Variables.substitute(value.textValue(), ctx.vars()));
    }
    return Values.strings(value, ctx);
  }

  /**
   * Splits {@code a, "b, c", d}: items trimmed, empty items skipped.
   *
   * @throws IllegalArgumentException when a quote is not closed or not followed by a comma
   */
  static List<String> split(String text) {
    var items = new ArrayList<String>();
    int i = 0;
    while ((i = skipSeparators(text, i)) < text.length()) {
      var item = new StringBuilder();
      i = text.charAt(i) == '"' ? quoted(text, i, item) : unquoted(text, i, item);
      items.add(item.toString());
    }
    return items;
  }

  private static int skipSeparators(String text, int i) {
    while (i < text.length() && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
      i++;
    }
    return i;
  }

  private static int unquoted(String text, int start, StringBuilder item) {
    int end = text.indexOf(',', start);
    end = end < 0 ? text.length() : end;
    item.append(text, start, end);
    String trimmed = item.toString().strip();
    item.setLength(0);
    item.append(trimmed);
    return end;
  }

  private static int quoted(String text, int start, StringBuilder item) {
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if ((c == '\\' && (next == '"' || next == '\\')) || (c == '"' && next == '"')) {
        item.append(next);
        i += 2;
      } else if (c == '"') {
        return afterQuote(text, i + 1);
      } else {
        item.append(c);
        i++;
      }
    }
    throw new IllegalArgumentException(
        "has a quote opened at character " + (start + 1) + " that is not closed");
  }

  private static int afterQuote(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i < text.length() && text.charAt(i) != ',') {
      throw new IllegalArgumentException(
          "needs a comma after the quoted item, at character " + (i + 1));
    }
    return i;
  }
}
