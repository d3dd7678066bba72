package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.Graders;
import dev.promptops.core.eval.assertions.Rule.Threshold;
import java.util.List;

/**
 * {@code similar} (embeddings) and {@code llm-rubric} (a model as judge): the model-graded types.
 */
final class GradedRules {
  static final double SIMILAR_DEFAULT = 0.75;
  private static final String SIMILAR_EXAMPLE = "value: The refund was issued, threshold: 0.8";
  private static final String RUBRIC_EXAMPLE = "value: is polite and offers a refund";

  static final Rule SIMILAR =
      new Rule(Threshold.SCORE, SIMILAR_EXAMPLE, GradedRules::checkSimilar, GradedRules::similar);
  static final Rule LLM_RUBRIC =
      new Rule(Threshold.SCORE, RUBRIC_EXAMPLE, GradedRules::checkRubric, GradedRules::rubric);

  private GradedRules() {}

  private static void checkSimilar(AssertionSpec spec, String example) {
    JsonNode value = spec.value();
    if (value != null && value.isArray() && !value.isEmpty()) {
      for (JsonNode item : value) {
        if (!Values.isText(item) || Values.text(item).isBlank()) {
          throw Problems.invalid(
              spec, "every expected text in the list must be a non-blank text", example);
        }
      }
      return;
    }
    if (!Values.isText(value) || Values.text(value).isBlank()) {
      throw Problems.invalid(
          spec,
          "needs a value: the expected text or a list of them, got " + describe(value),
          example);
    }
  }

  private static String describe(JsonNode value) {
    return value != null && value.isTextual() ? "a blank string" : Values.describe(value);
  }

  private static Verdict similar(AssertionSpec spec, AssertionContext ctx) {
    double threshold = spec.threshold() != null ? spec.threshold() : SIMILAR_DEFAULT;
    List<String> expected =
        spec.value().isArray()
            ? Values.strings(spec.value(), ctx)
            : List.of(Values.string(spec, ctx));
    String output = ctx.output().text();
    if (output.isBlank()) {
      return Verdict.scored(
          false, 0, "output is empty: cosine similarity 0 < " + Format.plain(threshold));
    }
    Closest closest;
    try {
      closest = closest(spec.provider(), ctx.graders(), output, expected);
    } catch (IllegalArgumentException e) {
      return Verdict.cannotJudge("cosine similarity not computed: " + e.getMessage());
    }
    Verdict v = MetricRules.threshold(closest.similarity(), threshold, "cosine similarity");
    String which = expected.size() == 1 ? "" : " (closest: " + Format.quote(closest.text()) + ")";
    return new Verdict(v.pass(), v.score(), v.reason() + which, true);
  }

  /** The expected text most similar to the output. */
  private record Closest(String text, double similarity) {}

  private static Closest closest(
      String provider, Graders graders, String output, List<String> expected) {
    float[] actual = GraderCallException.call(() -> graders.embed(provider, output));
    Closest best = null;
    for (String text : expected) {
      float[] wanted = GraderCallException.call(() -> graders.embed(provider, text));
      double similarity = Cosine.similarity(actual, wanted);
      if (best == null || similarity > best.similarity()) {
        best = new Closest(text, similarity);
      }
    }
    return best;
  }

  private static void checkRubric(AssertionSpec spec, String example) {
    JsonNode value = spec.value();
    boolean text = value != null && value.isTextual() && !value.textValue().isBlank();
    if (!text && (value == null || !value.isObject() || value.isEmpty())) {
      throw Problems.invalid(
          spec,
          "needs a value: the rubric the judge grades the output by, got " + describe(value),
          example);
    }
  }

  private static Verdict rubric(AssertionSpec spec, AssertionContext ctx) {
    String rubric = spec.value().isTextual() ? Values.string(spec, ctx) : spec.value().toString();
    String output = ctx.output().text();
    Graders.Judgement j =
        GraderCallException.call(
            () -> ctx.graders().judge(spec.provider(), rubric, output, ctx.vars()));
    if (j == null) {
      return Verdict.cannotJudge("the judge gave no verdict");
    }
    String reason =
        j.reason() == null || j.reason().isBlank() ? "no reason given" : j.reason().strip();
    double score = Double.isNaN(j.score()) ? 0 : Math.max(0, Math.min(1, j.score()));
    if (spec.threshold() == null) {
      return Verdict.scored(
          j.pass(), score, "judge: " + (j.pass() ? "pass" : "fail") + " — " + reason);
    }
    Verdict v = MetricRules.threshold(score, spec.threshold(), "judge score");
    return new Verdict(v.pass(), v.score(), v.reason() + " — " + reason, true);
  }
}
