package dev.promptops.providers.mock;

import dev.promptops.core.InvalidInputException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reply templates: {@code {{lastUserMessage}}}, {@code {{model}}}, {@code {{system}}} and {@code
 * {{protocol}}} are replaced by what the request carried; everything else is literal.
 */
final class Template {
  static final Set<String> PLACEHOLDERS = Set.of("lastUserMessage", "model", "system", "protocol");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][\\w.]*)\\s*}}");

  private Template() {}

  /** Refuses a template naming an unknown placeholder; {@code where} names the rule. */
  static void check(String template, String where) {
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        throw new InvalidInputException(
            "invalid_mock_rules",
            where + ": unknown placeholder {{" + m.group(1) + "}}",
            "use {{lastUserMessage}}, {{model}}, {{system}} or {{protocol}}");
      }
    }
  }

  static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    var out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
