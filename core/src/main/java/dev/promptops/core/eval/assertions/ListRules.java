package dev.promptops.core.eval.assertions;

import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.assertions.Rule.Threshold;
import java.util.List;

/** {@code contains-any}, {@code contains-all} and their case-insensitive forms. */
final class ListRules {
  private static final String EXAMPLE = "value: [refund, return]";

  static final Rule CONTAINS_ANY = rule(false, false);
  static final Rule CONTAINS_ALL = rule(true, false);
  static final Rule ICONTAINS_ANY = rule(false, true);
  static final Rule ICONTAINS_ALL = rule(true, true);

  private ListRules() {}

  private static Rule rule(boolean all, boolean ignoreCase) {
    return new Rule(
        Threshold.NONE, EXAMPLE, ValueLists::check, (s, c) -> judge(s, c, all, ignoreCase));
  }

  private static Verdict judge(
      AssertionSpec spec, AssertionContext ctx, boolean all, boolean ignoreCase) {
    List<String> expected;
    try {
      expected = ValueLists.items(spec.value(), ctx);
    } catch (IllegalArgumentException e) {
      return Verdict.cannotJudge(
          "after substituting variables, the comma-separated value " + e.getMessage());
    }
    String output = ignoreCase ? TextRules.lower(ctx.output().text()) : ctx.output().text();
    List<String> found =
        expected.stream()
            .filter(e -> output.contains(ignoreCase ? TextRules.lower(e) : e))
            .toList();
    Verdict v = all ? all(expected, found) : any(expected, found);
    return ignoreCase ? new Verdict(v.pass(), v.score(), v.reason() + " (ignoring case)", true) : v;
  }

  private static Verdict any(List<String> expected, List<String> found) {
    if (found.isEmpty()) {
      return Verdict.of(false, "output contains none of " + Format.quoteAll(expected));
    }
    return Verdict.of(
        true,
        "output contains "
            + Format.quote(found.getFirst())
            + " (one of "
            + Format.quoteAll(expected)
            + ")");
  }

  private static Verdict all(List<String> expected, List<String> found) {
    if (found.size() == expected.size()) {
      return Verdict.of(true, "output contains all of " + Format.quoteAll(expected));
    }
    List<String> missing = expected.stream().filter(e -> !found.contains(e)).toList();
    return Verdict.of(
        false,
        "output does not contain "
            + Format.quoteAll(missing)
            + " ("
            + missing.size()
            + " of "
            + expected.size()
            + " missing)");
  }
}
