package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.assertions.Rule.Threshold;
import java.util.List;

/** {@code levenshtein}, {@code rouge-n} and {@code bleu}: the output against expected text. */
final class MetricRules {
  static final double LEVENSHTEIN_DEFAULT = 5;
  static final double ROUGE_DEFAULT = 0.75;
  static final double BLEU_DEFAULT = 0.5;

  private static final String TEXT = "value: the expected answer";
  private static final String LEVENSHTEIN_EXAMPLE = "value: hello world, threshold: 2";

  static final Rule LEVENSHTEIN =
      new Rule(
          Threshold.DISTANCE,
          LEVENSHTEIN_EXAMPLE,
          MetricRules::checkLevenshtein,
          MetricRules::levenshtein);
  static final Rule ROUGE_N =
      new Rule(Threshold.SCORE, TEXT, MetricRules::checkRouge, MetricRules::rouge);
  static final Rule BLEU =
      new Rule(Threshold.SCORE, TEXT, MetricRules::checkBleu, MetricRules::bleu);

  private MetricRules() {}

  private static void checkLevenshtein(AssertionSpec spec, String example) {
    if (!Values.isText(spec.value())) {
      throw Problems.invalid(
          spec, "needs a value: the expected text, got " + Values.describe(spec.value()), example);
    }
  }

  private static Verdict levenshtein(AssertionSpec spec, AssertionContext ctx) {
    double limit = spec.threshold() != null ? spec.threshold() : LEVENSHTEIN_DEFAULT;
    Levenshtein.Distance d;
    try {
      d = Levenshtein.between(ctx.output().text(), Values.string(spec, ctx), (long) limit);
    } catch (IllegalArgumentException e) {
      return Verdict.cannotJudge("levenshtein distance not computed: " + e.getMessage());
    }
    boolean pass = !d.lowerBound() && d.distance() <= limit;
    String distance = (d.lowerBound() ? "at least " : "") + d.distance();
    return Verdict.of(
        pass, "levenshtein distance " + distance + (pass ? " <= " : " > ") + Format.plain(limit));
  }

  private static void checkRouge(AssertionSpec spec, String example) {
    TextRules.checkText(spec, example);
    if (TreebankTokenizer.tokenize(Variables.placeholders(Values.text(spec.value()), "x"))
        .isEmpty()) {
      throw Problems.invalid(spec, "needs a value with at least one word", example);
    }
  }

  private static Verdict rouge(AssertionSpec spec, AssertionContext ctx) {
    double threshold = spec.threshold() != null ? spec.threshold() : ROUGE_DEFAULT;
    String output = ctx.output().text();
    if (Words.count(output) == 0) {
      return Verdict.scored(
          false, 0, "output is empty: ROUGE-N score 0 < " + Format.plain(threshold));
    }
    double score = RougeN.recall(output, Values.string(spec, ctx), RougeN.N);
    if (Double.isNaN(score)) {
      return Verdict.cannotJudge("the expected text has no words to compare with");
    }
    return threshold(score, threshold, "ROUGE-N score");
  }

  private static void checkBleu(AssertionSpec spec, String example) {
    JsonNode value = spec.value();
    if (Values.isText(value)) {
      if (Values.text(value).isBlank()) {
        throw Problems.invalid(
            spec, "needs a value: the expected text, got a blank string", example);
      }
      return;
    }
    if (value == null || !value.isArray() || value.isEmpty()) {
      throw Problems.invalid(
          spec,
          "needs a value: the expected text or a list of them, got " + Values.describe(value),
          example);
    }
    for (JsonNode item : value) {
      if (!Values.isText(item)) {
        throw Problems.invalid(
            spec,
            "every expected text in the list must be a text, got " + Values.describe(item),
            example);
      }
    }
  }

  private static Verdict bleu(AssertionSpec spec, AssertionContext ctx) {
    double threshold = spec.threshold() != null ? spec.threshold() : BLEU_DEFAULT;
    JsonNode value = spec.value();
    List<String> references =
        value.isArray() ? Values.strings(value, ctx) : List.of(Values.string(spec, ctx));
    if (Words.count(ctx.output().text()) == 0) {
      return Verdict.scored(false, 0, "output is empty: BLEU score 0 < " + Format.plain(threshold));
    }
    if (references.stream().allMatch(r -> Words.count(r) == 0)) {
      return Verdict.scored(false, 0, "every expected text is blank: BLEU score 0");
    }
    return threshold(Bleu.score(ctx.output().text(), references), threshold, "BLEU score");
  }

  /** {@code BLEU score 0.41 < 0.5}; passes at or above the threshold. */
  static Verdict threshold(double score, double threshold, String what) {
    boolean pass = score >= threshold;
    return Verdict.scored(
        pass,
        score,
        what
            + " "
            + Format.measured(score, threshold)
            + (pass ? " >= " : " < ")
            + Format.plain(threshold));
  }
}
