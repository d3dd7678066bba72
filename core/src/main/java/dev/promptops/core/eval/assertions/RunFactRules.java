package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.assertions.Rule.Threshold;
import dev.promptops.core.provider.Usage;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;

/**
 * {@code latency}, {@code cost} and {@code tokens}: facts of the run, each at most its threshold. A
 * run without the fact (a model with no price, a provider that reported no token usage) cannot be
 * judged, so even the negated assertion fails.
 */
final class RunFactRules {
  private static final String TOKENS_EXAMPLE = "value: {kind: output}, threshold: 500";
  private static final List<String> KINDS = List.of("input", "output", "total");

  static final Rule LATENCY =
      new Rule(
          Threshold.MILLISECONDS,
          "threshold: 2000",
          RunFactRules::checkNoValue,
          RunFactRules::latency);
  static final Rule COST =
      new Rule(
          Threshold.DOLLARS, "threshold: 0.002", RunFactRules::checkNoValue, RunFactRules::cost);
  static final Rule TOKENS =
      new Rule(Threshold.TOKENS, TOKENS_EXAMPLE, RunFactRules::checkTokens, RunFactRules::tokens);

  private RunFactRules() {}

  private static void checkNoValue(AssertionSpec spec, String example) {
    if (Values.present(spec.value())) {
      throw Problems.invalid(
          spec, "takes no value, only a threshold (the maximum); remove the value", example);
    }
  }

  private static Verdict latency(AssertionSpec spec, AssertionContext ctx) {
    long ms = ctx.output().latencyMillis();
    boolean pass = ms <= spec.threshold();
    return Verdict.of(
        pass,
        "latency " + ms + " ms" + (pass ? " <= " : " > ") + Format.plain(spec.threshold()) + " ms");
  }

  private static Verdict cost(AssertionSpec spec, AssertionContext ctx) {
    BigDecimal cost = ctx.output().cost();
    if (cost == null) {
      return Verdict.cannotJudge(
          "the cost is unknown: the model has no price (give it one in prices.yaml)");
    }
    boolean pass = cost.compareTo(BigDecimal.valueOf(spec.threshold())) <= 0;
    return Verdict.of(
        pass,
        "cost $" + Format.plain(cost) + (pass ? " <= $" : " > $") + Format.plain(spec.threshold()));
  }

  private static void checkTokens(AssertionSpec spec, String example) {
    JsonNode value = spec.value();
    if (!Values.present(value)) {
      return;
    }
    if (!value.isObject()) {
      throw Problems.invalid(
          spec,
          "the value, when given, is {kind: input|output|total}, got " + Values.describe(value),
          example);
    }
    for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("kind")) {
        throw Problems.invalid(
            spec, "unknown key '" + key + "'; the value takes only kind", example);
      }
    }
    JsonNode kind = value.get("kind");
    if (kind == null) {
      throw Problems.invalid(spec, "the value needs kind: input, output or total", example);
    }
    if (!kind.isTextual() || !KINDS.contains(kind.textValue())) {
      throw Problems.invalid(
          spec, "kind must be input, output or total, got " + Format.json(kind), example);
    }
  }

  private static Verdict tokens(AssertionSpec spec, AssertionContext ctx) {
    Usage usage = ctx.output().usage();
    if (usage.totalTokens() == 0) {
      return Verdict.cannotJudge("the provider reported no token usage for this run");
    }
    String kind =
        Values.present(spec.value()) ? spec.value().path("kind").asText("total") : "total";
    long n =
        switch (kind) {
          case "input" -> usage.inputTokens();
          case "output" -> usage.outputTokens();
          default -> usage.totalTokens();
        };
    boolean pass = n <= spec.threshold();
    return Verdict.of(
        pass, kind + " tokens " + n + (pass ? " <= " : " > ") + Format.plain(spec.threshold()));
  }
}
