package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.Output;
import dev.promptops.core.eval.assertions.Rule.Threshold;
import java.util.List;

/** {@code is-json}, {@code contains-json}, {@code json-schema} and {@code is-valid-output}. */
final class JsonRules {
  private static final String SCHEMA = "value: {type: object, required: [answer]}";

  static final Rule IS_JSON =
      new Rule(Threshold.NONE, SCHEMA, (s, e) -> checkSchema(s, e, false), JsonRules::isJson);
  static final Rule CONTAINS_JSON =
      new Rule(Threshold.NONE, SCHEMA, (s, e) -> checkSchema(s, e, false), JsonRules::containsJson);
  static final Rule JSON_SCHEMA =
      new Rule(Threshold.NONE, SCHEMA, (s, e) -> checkSchema(s, e, true), JsonRules::jsonSchema);
  static final Rule IS_VALID_OUTPUT =
      new Rule(Threshold.NONE, "", JsonRules::checkNoValue, JsonRules::validOutput);

  private JsonRules() {}

  private static void checkSchema(AssertionSpec spec, String example, boolean required) {
    if (!Schemas.given(spec.value())) {
      if (required) {
        throw Problems.invalid(spec, "needs a value: the JSON Schema the output must fit", example);
      }
      return;
    }
    try {
      Schemas.checkUsable(Schemas.of(spec.value()));
    } catch (IllegalArgumentException e) {
      throw Problems.invalid(spec, e.getMessage(), example);
    }
  }

  private static void checkNoValue(AssertionSpec spec, String example) {
    if (Values.present(spec.value())) {
      throw Problems.invalid(
          spec, "takes no value (it checks the prompt's own output schema); remove it", example);
    }
  }

  private static Verdict isJson(AssertionSpec spec, AssertionContext ctx) {
    JsonText.Parsed parsed = JsonText.parse(ctx.output().text());
    if (!parsed.ok()) {
      return Verdict.of(false, "output is not JSON: " + parsed.error());
    }
    return Schemas.given(spec.value())
        ? fits(spec, parsed.json())
        : Verdict.of(true, "output is JSON");
  }

  private static Verdict jsonSchema(AssertionSpec spec, AssertionContext ctx) {
    JsonText.Parsed parsed = JsonText.of(ctx.output());
    if (!parsed.ok()) {
      return Verdict.of(false, "output is not JSON: " + parsed.error());
    }
    return fits(spec, parsed.json());
  }

  private static Verdict fits(AssertionSpec spec, JsonNode json) {
    List<String> problems;
    try {
      problems = Schemas.problems(Schemas.of(spec.value()), json);
    } catch (IllegalArgumentException e) {
      return Verdict.cannotJudge("the schema cannot be used: " + e.getMessage());
    }
    return problems.isEmpty()
        ? Verdict.of(true, "output is JSON that fits the schema")
        : Verdict.of(
            false, "output is JSON that does not fit the schema: " + Schemas.summary(problems));
  }

  private static Verdict containsJson(AssertionSpec spec, AssertionContext ctx) {
    JsonExtractor.Found found = JsonExtractor.find(ctx.output().text());
    if (found.values().isEmpty()) {
      return Verdict.of(
          false,
          "output contains no JSON object or list"
              + (found.truncated() ? " (the search gave up after 20 million characters)" : ""));
    }
    if (!Schemas.given(spec.value())) {
      return Verdict.of(true, "output contains JSON: " + Format.json(found.values().getFirst()));
    }
    return anyFits(spec, found.values());
  }

  private static Verdict anyFits(AssertionSpec spec, List<JsonNode> values) {
    JsonNode schema;
    List<String> firstProblems = List.of();
    try {
      schema = Schemas.of(spec.value());
      for (JsonNode json : values) {
        List<String> problems = Schemas.problems(schema, json);
        if (problems.isEmpty()) {
          return Verdict.of(
              true, "output contains JSON that fits the schema: " + Format.json(json));
        }
        firstProblems = firstProblems.isEmpty() ? problems : firstProblems;
      }
    } catch (IllegalArgumentException e) {
      return Verdict.cannotJudge("the schema cannot be used: " + e.getMessage());
    }
    String count =
        values.size() == 1 ? "the JSON found" : "none of " + values.size() + " JSON values found";
    return Verdict.of(
        false,
        "output contains JSON, but "
            + count
            + " fits the schema: "
            + Schemas.summary(firstProblems));
  }

  private static Verdict validOutput(AssertionSpec spec, AssertionContext ctx) {
    JsonNode schema = ctx.outputSchema();
    if (schema == null || schema.isNull() || schema.isMissingNode()) {
      return Verdict.cannotJudge(
          "the prompt declares no output schema (output.schema in its front matter), so there is"
              + " nothing to check the output against");
    }
    Output output = ctx.output();
    if (!output.outputErrors().isEmpty()) {
      return Verdict.of(false, notFitting(output.outputErrors()));
    }
    JsonText.Parsed parsed = JsonText.of(output);
    if (!parsed.ok()) {
      return Verdict.of(false, "output is not JSON: " + parsed.error());
    }
    try {
      List<String> problems = Schemas.problems(schema, parsed.json());
      return problems.isEmpty()
          ? Verdict.of(true, "output fits the prompt's output schema")
          : Verdict.of(false, notFitting(problems));
    } catch (IllegalArgumentException e) {
      return Verdict.cannotJudge("the prompt's output schema cannot be used: " + e.getMessage());
    }
  }

  private static String notFitting(List<String> problems) {
    return "output does not fit the prompt's output schema: " + Schemas.summary(problems);
  }
}
