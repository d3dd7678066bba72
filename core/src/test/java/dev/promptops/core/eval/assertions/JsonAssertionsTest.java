package dev.promptops.core.eval.assertions;

import static dev.promptops.core.eval.assertions.Fixtures.a;
import static dev.promptops.core.eval.assertions.Fixtures.run;
import static dev.promptops.core.eval.assertions.Fixtures.yaml;
import static dev.promptops.core.eval.assertions.TextAssertionsTest.fails;
import static dev.promptops.core.eval.assertions.TextAssertionsTest.passes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.Output;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonAssertionsTest {
  static final String SCHEMA =
      "{type: object, required: [city], properties: {city: {type: string}, zip: {type: integer}}}";

  static Output json(String text, String parsed, List<String> errors) {
    return new Output(
        text, parsed == null ? null : yaml(parsed), errors, 0, null, Usage.NONE, false, null);
  }

  @Test
  void isJsonParsesTheWholeOutputLikeJsonParse() {
    passes(run("{type: is-json}", " {\"a\": [1, 2]}\n"), "output is JSON");
    passes(run("{type: is-json}", "42"), "output is JSON");
    passes(run("{type: is-json}", "{\"a\": 1, \"a\": 2}"), "output is JSON");
    fails(
        run("{type: is-json}", "Sure! {\"a\": 1}"),
        "output is not JSON: Unrecognized token 'Sure': was expecting (JSON String, Number, Array,"
            + " Object or token 'null', 'true' or 'false') (line 1, column 1)");
    fails(run("{type: is-json}", ""), "output is not JSON: the output is empty");
    assertThat(run("{type: is-json}", "```json\n{}\n```").pass())
        .as("is-json is strict, as in promptfoo: a fenced answer is not JSON")
        .isFalse();
  }

  @Test
  void isJsonWithASchemaValidatesTheParsedOutput() {
    String assertion = "{type: is-json, value: " + SCHEMA + "}";
    passes(
        run(assertion, "{\"city\": \"Oslo\", \"zip\": 150}"),
        "output is JSON that fits the schema");
    fails(
        run(assertion, "{\"zip\": \"x\"}"),
        "output is JSON that does not fit the schema: $: required property 'city' not found;"
            + " $.zip: string found, integer expected");
    var negated = run("{type: not-is-json, value: " + SCHEMA + "}", "{\"zip\": 1}");
    assertThat(negated.pass()).isTrue();
    assertThat(negated.reason()).endsWith("(not-is-json)");
  }

  @Test
  void aSchemaMayBeGivenAsYamlTextAsPromptfooAllows() {
    passes(
        run("{type: is-json, value: 'type: array'}", "[1]"), "output is JSON that fits the schema");
    fails(
        run("{type: is-json, value: '{\"type\": \"array\"}'}", "{}"),
        "output is JSON that does not fit the schema: $: object found, array expected");
  }

  @Test
  void containsJsonFindsJsonInProseAndFences() {
    passes(
        run("{type: contains-json}", "Here it is: {\"a\": \"}\"} hope it helps {"),
        "output contains JSON: {\"a\":\"}\"}");
    passes(
        run("{type: contains-json}", "Result:\n```json\n[{\"id\": 1}]\n```"),
        "output contains JSON: [{\"id\":1}]");
    passes(run("{type: contains-json}", "[1, 2, 3]"), "output contains JSON: [1,2,3]");
    fails(
        run("{type: contains-json}", "See [1] and [2, 3]; {not json}"),
        "output contains no JSON object or list");
  }

  @Test
  void containsJsonWithASchemaPassesWhenAnyFoundValueFits() {
    String assertion = "{type: contains-json, value: " + SCHEMA + "}";
    passes(
        run(assertion, "first {\"zip\": 1} then {\"city\": \"Oslo\"}"),
        "output contains JSON that fits the schema: {\"city\":\"Oslo\"}");
    fails(
        run(assertion, "only {\"zip\": 1} and {\"zip\": 2}"),
        "output contains JSON, but none of 2 JSON values found fits the schema: $: required"
            + " property 'city' not found");
    fails(
        run(assertion, "only {\"zip\": \"1\"}"),
        "output contains JSON, but the JSON found fits the schema: $: required property 'city' not"
            + " found; $.zip: string found, integer expected");
  }

  @Test
  void jsonSchemaReadsTheOutputsJsonFencedOrNot() {
    String assertion = "{type: json-schema, value: " + SCHEMA + "}";
    passes(
        run(assertion, "```json\n{\"city\": \"Oslo\"}\n```"),
        "output is JSON that fits the schema");
    fails(
        run(assertion, "{\"city\": 5}"),
        "output is JSON that does not fit the schema: $.city: integer found, string expected");
    fails(
        run(assertion, "Oslo"),
        "output is not JSON: Unrecognized token 'Oslo': was expecting (JSON String, Number, Array,"
            + " Object or token 'null', 'true' or 'false') (line 1, column 1)");
    var parsed = Fixtures.ctx(json("(ignored)", "{city: Bergen}", List.of()));
    passes(run(assertion, parsed), "output is JSON that fits the schema");
  }

  @Test
  void equalsWithAnObjectComparesJsonDeeply() {
    String assertion = "{type: equals, value: {order: {id: 7, items: [a, b]}, total: 1.5}}";
    passes(
        run(assertion, "{\"total\": 1.50, \"order\": {\"items\": [\"a\", \"b\"], \"id\": 7.0}}"),
        "output JSON equals {\"order\":{\"id\":7,\"items\":[\"a\",\"b\"]},\"total\":1.5}");
    fails(
        run(assertion, "{\"total\": 1.5, \"order\": {\"items\": [\"b\", \"a\"], \"id\": 7}}"),
        "output JSON differs: $.order.items[0] is \"b\", expected \"a\"");
    fails(
        run(
            assertion,
            "{\"total\": 1.5, \"order\": {\"items\": [\"a\", \"b\"], \"id\": 7}, \"x\": 1}"),
        "output JSON differs: $.x is not expected");
    fails(
        run("{type: equals, value: [1, 2]}", "[1]"),
        "output JSON differs: $ has 1 item, expected 2");
    var notJson = run("{type: not-equals, value: {a: 1}}", "hello");
    assertThat(notJson.pass()).as("not-equals passes on output that is not JSON").isTrue();
  }

  @Test
  void isValidOutputChecksThePromptsOutputSchema() {
    var schema = yaml(SCHEMA);
    var good =
        new AssertionContext(
            json("{\"city\": \"Oslo\"}", null, List.of()), Json.object(), schema, null);
    passes(run("{type: is-valid-output}", good), "output fits the prompt's output schema");
    var bad =
        new AssertionContext(json("{\"zip\": 1}", null, List.of()), Json.object(), schema, null);
    fails(
        run("{type: is-valid-output}", bad),
        "output does not fit the prompt's output schema: $: required property 'city' not found");
  }

  @Test
  void isValidOutputReportsTheErrorsTheEngineFound() {
    var output =
        json("{\"city\": 1}", "{city: 1}", List.of("$.city: integer found, string expected"));
    var c = new AssertionContext(output, Json.object(), yaml(SCHEMA), null);
    fails(
        run("{type: is-valid-output}", c),
        "output does not fit the prompt's output schema: $.city: integer found, string expected");
  }

  @Test
  void isValidOutputWithoutASchemaFailsNegatedOrNot() {
    for (String type : List.of("is-valid-output", "not-is-valid-output")) {
      var r = run("{type: " + type + "}", "{}");
      assertThat(r.pass()).isFalse();
      assertThat(r.reason())
          .isEqualTo(
              "the prompt declares no output schema (output.schema in its front matter), so there"
                  + " is nothing to check the output against");
    }
  }

  @Test
  void deeplyNestedAndMalformedJsonNeverThrows() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    for (String type : List.of("is-json", "contains-json", "json-schema", "not-is-json")) {
      String value = type.equals("json-schema") ? ", value: {type: array}" : "";
      var spec = a("{type: " + type + value + "}");
      for (String output : List.of(deep, "{\"a\":", "\u0000\uD800", "{\"n\": 1e999999999}")) {
        var r = Assertions.evaluate(spec, Fixtures.ctx(output));
        assertThat(r.reason()).isNotBlank();
      }
    }
  }
}
