package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * References to the case's variables in string values: {@code {{name}}}, {@code {{ name }}}, or a
 * dotted path {@code {{order.id}}} ({@code {{items.0}}} indexes a list). Each reference is replaced
 * once by the variable's text (a string as is, anything else as JSON); the inserted text is never
 * searched for references again. Braces that are not a reference stay as written.
 */
final class Variables {
  private static final Pattern REFERENCE =
      Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*)\\s*\\}\\}");
  private static final int MAX_LISTED = 10;

  private Variables() {}

  /**
   * The text with every reference replaced.
   *
   * @throws UnknownVariableException when a reference names no variable of the case
   */
  static String substitute(String text, ObjectNode vars) {
    if (!text.contains("{{")) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    var out = new StringBuilder(text.length());
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start()).append(lookup(m.group(1), vars));
      last = m.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  /** The text with every reference replaced by {@code placeholder} (to check a pattern early). */
  static String placeholders(String text, String placeholder) {
    return text.contains("{{") ? REFERENCE.matcher(text).replaceAll(placeholder) : text;
  }

  private static String lookup(String path, ObjectNode vars) {
    JsonNode node = vars;
    for (String segment : path.split("\\.", -1)) {
      node = child(node, segment);
      if (node == null) {
        throw new UnknownVariableException(unknown(path, vars));
      }
    }
    return node.isTextual() ? node.textValue() : Values.text(node);
  }

  private static JsonNode child(JsonNode node, String segment) {
    if (node.isObject()) {
      return node.get(segment);
    }
    if (node.isArray() && segment.chars().allMatch(Character::isDigit) && segment.length() < 10) {
      return node.get(Integer.parseInt(segment));
    }
    return null;
  }

  private static String unknown(String path, ObjectNode vars) {
    String message = "unknown variable '" + path + "' in the value";
    if (vars.isEmpty()) {
      return message + "; the case has no variables";
    }
    List<String> names = new ArrayList<>();
    vars.fieldNames().forEachRemaining(names::add);
    String listed = String.join(", ", names.subList(0, Math.min(names.size(), MAX_LISTED)));
    return message + "; the case has " + listed + (names.size() > MAX_LISTED ? ", …" : "");
  }
}
