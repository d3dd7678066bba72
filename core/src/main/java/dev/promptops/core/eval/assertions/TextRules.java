package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.assertions.Rule.Threshold;
import java.util.Locale;

/** {@code contains}, {@code icontains}, {@code starts-with} and {@code regex}. */
final class TextRules {
  static final Rule CONTAINS =
      new Rule(
          Threshold.NONE, "value: refund", TextRules::checkText, (s, c) -> contains(s, c, false));
  static final Rule ICONTAINS =
      new Rule(
          Threshold.NONE, "value: refund", TextRules::checkText, (s, c) -> contains(s, c, true));
  static final Rule STARTS_WITH =
      new Rule(Threshold.NONE, "value: \"Yes\"", TextRules::checkText, TextRules::startsWith);
  static final Rule REGEX =
      new Rule(Threshold.NONE, "value: '\\d{4}'", TextRules::checkRegex, TextRules::regex);

  private TextRules() {}

  /** A string or number, not empty. */
  static void checkText(AssertionSpec spec, String example) {
    JsonNode value = spec.value();
    if (!Values.isText(value)) {
      throw Problems.invalid(spec, "needs a value: a text, got " + Values.describe(value), example);
    }
    if (Values.text(value).isEmpty()) {
      throw Problems.invalid(spec, "needs a value: a text, got an empty string", example);
    }
  }

  private static Verdict contains(AssertionSpec spec, AssertionContext ctx, boolean ignoreCase) {
    String expected = Values.string(spec, ctx);
    String output = ctx.output().text();
    boolean found =
        ignoreCase ? lower(output).contains(lower(expected)) : output.contains(expected);
    String fact =
        (found ? "output contains " : "output does not contain ") + Format.quote(expected);
    return Verdict.of(found, ignoreCase ? fact + " (ignoring case)" : fact);
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static Verdict startsWith(AssertionSpec spec, AssertionContext ctx) {
    String expected = Values.string(spec, ctx);
    String output = ctx.output().text();
    if (output.startsWith(expected)) {
      return Verdict.of(true, "output starts with " + Format.quote(expected));
    }
    String start = Format.abbreviate(output, expected.codePointCount(0, expected.length()) + 20);
    return Verdict.of(
        false,
        "output does not start with "
            + Format.quote(expected)
            + " (it starts "
            + Format.quote(start)
            + ")");
  }

  private static void checkRegex(AssertionSpec spec, String example) {
    checkText(spec, example);
    if (!spec.value().isTextual()) {
      throw Problems.invalid(
          spec, "needs a value: a regular expression as a string, got a number", example);
    }
    try {
      Patterns.compile(Variables.placeholders(spec.value().textValue(), "x"));
    } catch (IllegalArgumentException e) {
      throw Problems.invalid(spec, e.getMessage(), example);
    }
  }

  private static Verdict regex(AssertionSpec spec, AssertionContext ctx) {
    String regex = Values.string(spec, ctx);
    com.google.re2j.Pattern pattern;
    try {
      pattern = Patterns.compile(regex);
    } catch (IllegalArgumentException e) {
      return Verdict.cannotJudge("after substituting variables, " + e.getMessage());
    }
    boolean found = pattern.matcher(ctx.output().text()).find();
    return Verdict.of(
        found, (found ? "output matches " : "output does not match ") + Patterns.show(regex));
  }
}
