package dev.promptops.core.eval.assertions;

import static dev.promptops.core.eval.assertions.Fixtures.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.json.Json;
import org.junit.jupiter.api.Test;

/** Variable substitution, list values, JSON extraction and formatting. */
class ValuesTest {
  static final com.fasterxml.jackson.databind.node.ObjectNode VARS =
      vars(
          "{name: Ann, n: 3, price: 1.50, ok: true, none: null, tags: [a, b], order: {id: 7, lines: [{sku: X1}]}}");

  @Test
  void referencesAreReplacedByTheVariablesText() {
    assertThat(Variables.substitute("Hi {{name}}, {{ name }}!", VARS)).isEqualTo("Hi Ann, Ann!");
    assertThat(Variables.substitute("{{n}} at {{price}}, {{ok}}, {{none}}", VARS))
        .isEqualTo("3 at 1.5, true, null");
    assertThat(Variables.substitute("{{tags}} {{order.id}} {{order.lines.0.sku}} {{tags.1}}", VARS))
        .isEqualTo("[\"a\",\"b\"] 7 X1 b");
    assertThat(Variables.substitute("no references {here} {{ }} {{#if x}}", VARS))
        .isEqualTo("no references {here} {{ }} {{#if x}}");
  }

  @Test
  void substitutedTextIsNeverExpandedAgain() {
    var v = vars("{a: '{{b}}', b: secret}");
    assertThat(Variables.substitute("{{a}}", v)).isEqualTo("{{b}}");
    assertThat(Variables.substitute("{{a}}{{b}}", v)).isEqualTo("{{b}}secret");
  }

  @Test
  void unknownVariablesAndPathsNameTheCasesVariables() {
    assertThatThrownBy(() -> Variables.substitute("{{nmae}}", VARS))
        .isInstanceOf(UnknownVariableException.class)
        .hasMessage(
            "unknown variable 'nmae' in the value; the case has name, n, price, ok, none, tags,"
                + " order");
    assertThatThrownBy(() -> Variables.substitute("{{order.total}}", VARS))
        .hasMessageStartingWith("unknown variable 'order.total' in the value;");
    assertThatThrownBy(() -> Variables.substitute("{{tags.5}}", VARS))
        .hasMessageStartingWith("unknown variable 'tags.5'");
    assertThatThrownBy(() -> Variables.substitute("{{x}}", Json.object()))
        .hasMessage("unknown variable 'x' in the value; the case has no variables");
  }

  @Test
  void commaSeparatedValuesFollowPromptfoosRules() {
    assertThat(ValueLists.split("a, b ,c")).containsExactly("a", "b", "c");
    assertThat(ValueLists.split(",, a,,b, ")).containsExactly("a", "b");
    assertThat(ValueLists.split("\"1,000\", in stock")).containsExactly("1,000", "in stock");
    assertThat(ValueLists.split("\"say \\\"hi\\\"\", \"a \"\"b\"\"\""))
        .containsExactly("say \"hi\"", "a \"b\"");
    assertThat(ValueLists.split(" \"  padded \" ")).containsExactly("  padded ");
    assertThat(ValueLists.split("  ")).isEmpty();
    assertThatThrownBy(() -> ValueLists.split("\"open"))
        .hasMessage("has a quote opened at character 1 that is not closed");
  }

  @Test
  void jsonIsExtractedFromProseButNotFromCitationMarks() {
    assertThat(JsonExtractor.find("a {\"x\": {\"y\": 1}} b {\"z\": 2}").values())
        .extracting(Object::toString)
        .containsExactly("{\"x\":{\"y\":1}}", "{\"z\":2}");
    assertThat(JsonExtractor.find("see [1], [2, 3] and [\"a\"]").values())
        .extracting(Object::toString)
        .containsExactly("[\"a\"]");
    assertThat(JsonExtractor.find("{\"s\": \"a } { [ \\\" ]\"}").values()).hasSize(1);
    assertThat(JsonExtractor.find("{ not: json } [1, 2").values()).isEmpty();
    assertThat(JsonExtractor.find("{\"a\": [1}, {\"b\": 1}").values())
        .extracting(Object::toString)
        .containsExactly("{\"b\":1}");
  }

  @Test
  void formatShortensAndQuotes() {
    assertThat(Format.quote("say \"hi\"\n")).isEqualTo("\"say \\\"hi\\\"\\n\"");
    assertThat(Format.abbreviate("😀".repeat(100), 5)).isEqualTo("😀😀😀😀…");
    assertThat(Format.plain(5.0)).isEqualTo("5");
    assertThat(Format.plain(0.75)).isEqualTo("0.75");
    assertThat(Format.plain(new java.math.BigDecimal("0.00100"))).isEqualTo("0.001");
    assertThat(Format.plain(new java.math.BigDecimal("100"))).isEqualTo("100");
  }

  @Test
  void schemaMessagesSayWhereFromTheRoot() {
    assertThat(Schemas.readable(": required property 'a' not found"))
        .isEqualTo("$: required property 'a' not found");
    assertThat(Schemas.readable("/items/0/first name: integer found"))
        .isEqualTo("$.items[0]['first name']: integer found");
    assertThat(Schemas.readable("$.a: x")).isEqualTo("$.a: x");
    assertThat(Schemas.readable("the output is not JSON: x"))
        .isEqualTo("the output is not JSON: x");
  }
}
