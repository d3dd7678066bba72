package dev.promptops.core.eval.assertions;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionResult;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.AssertionType;
import java.util.Objects;

/**
 * The evaluation assertions: {@link #check} a spec when its suite is loaded, {@link #evaluate} it
 * on each output. What every type checks, its value, threshold and score are documented in {@code
 * docs/eval-assertions.md}; the semantics follow promptfoo wherever promptfoo has the type.
 *
 * <p>String values (and the strings of list values) may refer to the case's variables as {@code
 * {{name}}}; see {@link Variables}.
 */
public final class Assertions {
  private Assertions() {}

  /**
   * Checks a spec as a suite is loaded: the value is present or absent and of the right shape for
   * the type, the threshold is in range (or given where required), the regular expression compiles,
   * the path parses, the schema is usable JSON Schema.
   *
   * @throws InvalidInputException (code {@code invalid_assertion}) naming the assertion and what is
   *     wrong, with a correct example as hint
   */
  public static void check(AssertionSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Rule rule = rule(spec.type());
    rule.threshold().check(spec, rule.example());
    checkProvider(spec, rule.example());
    rule.check().accept(spec, rule.example());
  }

  /**
   * Judges one output. Never throws on any output text: a failure is a result with pass false,
   * score 0 and a reason a person can act on. Negation ({@code not-}) flips pass, turns the score
   * into {@code 1 - score} and names the negated type after the reason; what cannot be judged (no
   * output, no price, an unknown variable) fails negated or not.
   *
   * @throws dev.promptops.core.PromptOpsException only from {@link AssertionContext#graders()}
   *     ({@code similar}, {@code llm-rubric}): the engine counts the case as errored
   */
  public static AssertionResult evaluate(AssertionSpec spec, AssertionContext ctx) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(ctx, "ctx");
    return judge(spec, ctx).toResult(spec);
  }

  private static Verdict judge(AssertionSpec spec, AssertionContext ctx) {
    if (ctx.output().failed()) {
      return Verdict.cannotJudge("no output: " + ctx.output().error());
    }
    try {
      return rule(spec.type()).judge().apply(spec, ctx);
    } catch (GraderCallException e) {
      throw e.original();
    } catch (UnknownVariableException e) {
      return Verdict.cannotJudge(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return Verdict.cannotJudge(unexpected(spec, e));
    }
  }

  /** A spec that was never checked says what is wrong with it; anything else says what failed. */
  private static String unexpected(AssertionSpec spec, Throwable e) {
    try {
      check(spec);
    } catch (InvalidInputException invalid) {
      return invalid.getMessage();
    } catch (RuntimeException ignored) {
      // fall through: report the original failure
    }
    return "could not evaluate " + spec.displayType() + ": " + e;
  }

  private static void checkProvider(AssertionSpec spec, String example) {
    boolean graded = spec.type().needs() != AssertionType.Needs.OUTPUT;
    if (spec.provider() == null) {
      return;
    }
    if (!graded) {
      throw Problems.invalid(
          spec, "takes no provider (only similar and llm-rubric call a model); remove it", example);
    }
    if (spec.provider().isBlank()) {
      throw Problems.invalid(
          spec,
          "provider is blank; name a model such as openai/gpt-4o-mini, or leave it out",
          example);
    }
  }

  private static Rule rule(AssertionType type) {
    return switch (type) {
      case EQUALS -> EqualsRule.RULE;
      case CONTAINS -> TextRules.CONTAINS;
      case ICONTAINS -> TextRules.ICONTAINS;
      case CONTAINS_ANY -> ListRules.CONTAINS_ANY;
      case CONTAINS_ALL -> ListRules.CONTAINS_ALL;
      case ICONTAINS_ANY -> ListRules.ICONTAINS_ANY;
      case ICONTAINS_ALL -> ListRules.ICONTAINS_ALL;
      case STARTS_WITH -> TextRules.STARTS_WITH;
      case REGEX -> TextRules.REGEX;
      case IS_JSON -> JsonRules.IS_JSON;
      case CONTAINS_JSON -> JsonRules.CONTAINS_JSON;
      case JSON_SCHEMA -> JsonRules.JSON_SCHEMA;
      case JSON_PATH -> JsonPathRule.RULE;
      case IS_VALID_OUTPUT -> JsonRules.IS_VALID_OUTPUT;
      case WORD_COUNT -> CountRules.WORD_COUNT;
      case LENGTH -> CountRules.LENGTH;
      case LEVENSHTEIN -> MetricRules.LEVENSHTEIN;
      case ROUGE_N -> MetricRules.ROUGE_N;
      case BLEU -> MetricRules.BLEU;
      case SIMILAR -> GradedRules.SIMILAR;
      case LLM_RUBRIC -> GradedRules.LLM_RUBRIC;
      case LATENCY -> RunFactRules.LATENCY;
      case COST -> RunFactRules.COST;
      case TOKENS -> RunFactRules.TOKENS;
    };
  }
}
