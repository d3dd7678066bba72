package dev.promptops.core.dotprompt;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * JSON Schema {@code pattern}s (and {@code patternProperties}, {@code format: regex}) on RE2/J:
 * matching takes time linear in the input, so a schema written by a prompt's author cannot stall
 * the server on a crafted value (ReDoS), as a backtracking engine can. RE2 has no backreferences
 * and no lookaround; a pattern using them is refused when the schema is compiled, with a message
 * that says so.
 */
final class Re2Patterns implements RegularExpressionFactory {
  static final Re2Patterns INSTANCE = new Re2Patterns();

  private Re2Patterns() {}

  @Override
  public RegularExpression getRegularExpression(String regex) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "pattern '"
              + abbreviate(regex)
              + "' is not a regular expression PromptOps can match in linear time ("
              + e.getDescription()
              + "); backreferences and lookaround are not supported",
          e);
    }
    return value -> pattern.matcher(value).find();
  }

  private static String abbreviate(String regex) {
    return regex.length() <= 80 ? regex : regex.substring(0, 77) + "...";
  }
}
