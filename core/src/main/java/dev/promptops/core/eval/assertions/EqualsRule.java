package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.assertions.Rule.Threshold;

/**
 * {@code equals}: a text value must equal the output exactly (no trimming, case counts); an object
 * or list value must deep-equal the output's JSON ({@link JsonEquality}).
 */
final class EqualsRule {
  private static final String EXAMPLE = "value: Paris";

  static final Rule RULE = new Rule(Threshold.NONE, EXAMPLE, EqualsRule::check, EqualsRule::judge);

  private EqualsRule() {}

  private static void check(AssertionSpec spec, String example) {
    if (!Values.present(spec.value())) {
      throw Problems.invalid(
          spec, "needs a value: the exact text, or an object or list for JSON output", example);
    }
  }

  private static Verdict judge(AssertionSpec spec, AssertionContext ctx) {
    JsonNode value = spec.value();
    if (value.isContainerNode()) {
      return json(value, ctx);
    }
    String expected = Values.string(spec, ctx);
    String output = ctx.output().text();
    if (output.equals(expected)) {
      return Verdict.of(true, "output equals " + Format.quote(expected));
    }
    return Verdict.of(
        false, "output " + Format.quote(output) + " does not equal " + Format.quote(expected));
  }

  private static Verdict json(JsonNode expected, AssertionContext ctx) {
    JsonText.Parsed parsed = JsonText.of(ctx.output());
    if (!parsed.ok()) {
      return Verdict.of(
          false,
          "output is not JSON, so it does not equal "
              + Format.json(expected)
              + ": "
              + parsed.error());
    }
    String difference = JsonEquality.difference(expected, parsed.json());
    return difference == null
        ? Verdict.of(true, "output JSON equals " + Format.json(expected))
        : Verdict.of(false, "output JSON differs: " + difference);
  }
}
