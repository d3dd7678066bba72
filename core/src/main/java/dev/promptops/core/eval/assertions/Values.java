package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import java.util.ArrayList;
import java.util.List;

/** Reading an assertion's value: its kind for messages, its text with variables substituted. */
final class Values {
  private Values() {}

  /** Whether the spec has a value at all (YAML {@code value: null} counts as none). */
  static boolean present(JsonNode value) {
    return value != null && !value.isNull() && !value.isMissingNode();
  }

  /** What the value is, for messages: {@code a string}, {@code a list}, {@code no value}. */
  static String describe(JsonNode value) {
    if (!present(value)) {
      return "no value";
    }
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** A string or a number: what text assertions accept as one expected text. */
  static boolean isText(JsonNode value) {
    return value != null && (value.isTextual() || value.isNumber());
  }

  /** The text of a scalar (numbers as written, {@code 1.50} as {@code 1.5}); JSON otherwise. */
  static String text(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber()) {
      return Format.plain(value.decimalValue());
    }
    return value.toString();
  }

  /** The spec's value as text, variables substituted (strings only; numbers as written). */
  static String string(AssertionSpec spec, AssertionContext ctx) {
    return substituted(spec.value(), ctx);
  }

  /** A list value's items as text, variables substituted in each. */
  static List<String> strings(JsonNode list, AssertionContext ctx) {
    var out = new ArrayList<String>(list.size());
    for (JsonNode item : list) {
      out.add(substituted(item, ctx));
    }
    return out;
  }

  static String substituted(JsonNode value, AssertionContext ctx) {
    return value.isTextual() ? Variables.substitute(value.textValue(), ctx.vars()) : text(value);
  }
}
