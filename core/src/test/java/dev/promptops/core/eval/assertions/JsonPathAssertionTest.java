package dev.promptops.core.eval.assertions;

import static dev.promptops.core.eval.assertions.Fixtures.ctx;
import static dev.promptops.core.eval.assertions.Fixtures.run;
import static dev.promptops.core.eval.assertions.Fixtures.vars;
import static dev.promptops.core.eval.assertions.Fixtures.yaml;
import static dev.promptops.core.eval.assertions.TextAssertionsTest.fails;
import static dev.promptops.core.eval.assertions.TextAssertionsTest.passes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonPathAssertionTest {
  static final String ORDER =
      "{\"order\": {\"status\": \"shipped\", \"id\": 7, \"tags\": [\"gift\", \"fast\"],"
          + " \"note\": \"leave at door\", \"a.b\": true}}";

  @Test
  void equalsComparesTheValueAtThePath() {
    passes(
        run("{type: json-path, value: {path: $.order.status, equals: shipped}}", ORDER),
        "$.order.status is \"shipped\"");
    fails(
        run("{type: json-path, value: {path: $.order.status, equals: pending}}", ORDER),
        "$.order.status is \"shipped\", expected \"pending\"");
    passes(
        run("{type: json-path, value: {path: $.order.id, equals: 7.0}}", ORDER), "$.order.id is 7");
    fails(
        run("{type: json-path, value: {path: $.order.id, equals: '7'}}", ORDER),
        "$.order.id is 7, expected \"7\"");
  }

  @Test
  void inContainsAndMatches() {
    passes(
        run("{type: json-path, value: {path: $.order.status, in: [packed, shipped]}}", ORDER),
        "$.order.status is \"shipped\", one of [\"packed\",\"shipped\"]");
    fails(
        run("{type: json-path, value: {path: $.order.status, in: [packed]}}", ORDER),
        "$.order.status is \"shipped\", not one of [\"packed\"]");
    passes(
        run("{type: json-path, value: {path: $.order.note, contains: door}}", ORDER),
        "$.order.note contains \"door\"");
    passes(
        run("{type: json-path, value: {path: $.order.tags, contains: gift}}", ORDER),
        "$.order.tags has the item \"gift\"");
    fails(
        run("{type: json-path, value: {path: $.order.tags, contains: slow}}", ORDER),
        "$.order.tags has no item \"slow\"");
    fails(
        run("{type: json-path, value: {path: $.order.id, contains: 7}}", ORDER),
        "$.order.id is 7, neither a text nor a list, so it contains nothing");
    passes(
        run("{type: json-path, value: {path: '$.order.tags[-1]', matches: '^f'}}", ORDER),
        "$.order.tags[-1] \"fast\" matches /^f/");
  }

  @Test
  void existsAndThePlainPathForm() {
    passes(run("{type: json-path, value: \"$.order['a.b']\"}", ORDER), "$.order['a.b'] exists");
    passes(run("{type: json-path, value: /order/tags/0}", ORDER), "/order/tags/0 exists");
    passes(
        run("{type: json-path, value: {path: $.order.refund, exists: false}}", ORDER),
        "$.order.refund does not exist");
    fails(
        run("{type: json-path, value: {path: $.order.refund, exists: true}}", ORDER),
        "$.order.refund does not exist");
    fails(
        run("{type: json-path, value: {path: $.order.refund, equals: 1}}", ORDER),
        "no value at $.order.refund");
  }

  @Test
  void negationAndVariables() {
    var r =
        run(
            "{type: not-json-path, value: {path: $.order.status, equals: '{{s}}'}}",
            ctx(ORDER, vars("{s: shipped}")));
    assertThat(r.pass()).isFalse();
    assertThat(r.reason()).isEqualTo("$.order.status is \"shipped\" (not-json-path)");
    var missing = run("{type: not-json-path, value: {path: $.x, equals: 1}}", ORDER);
    assertThat(missing.pass()).as("no value there: the value is not 1").isTrue();
  }

  @Test
  void outputThatIsNotJsonCannotBeLookedUpEvenNegated() {
    var r = run("{type: not-json-path, value: {path: $.a, equals: 1}}", "plain text");
    assertThat(r.pass()).isFalse();
    assertThat(r.reason()).startsWith("output is not JSON, so $.a cannot be looked up: ");
  }

  @Test
  void pathsSelectKeysIndexesAndPointers() {
    var doc = yaml("{a: {'b c': [10, 20, {d: x}]}, \"k'q\": 1, '/': 2}");
    assertThat(JsonPath.parse("$").select(doc)).contains(doc);
    assertThat(JsonPath.parse("$.a['b c'][1]").select(doc).orElseThrow().intValue()).isEqualTo(20);
    assertThat(JsonPath.parse("$.a[\"b c\"][-1].d").select(doc).orElseThrow().textValue())
        .isEqualTo("x");
    assertThat(JsonPath.parse("$['k\\'q']").select(doc).orElseThrow().intValue()).isEqualTo(1);
    assertThat(JsonPath.parse("/~1").select(doc).orElseThrow().intValue()).isEqualTo(2);
    assertThat(JsonPath.parse("$.a.nope").select(doc)).isEmpty();
    assertThat(JsonPath.parse("$.a['b c'][3]").select(doc)).isEmpty();
    assertThat(JsonPath.parse("$.a[0]").select(doc)).as("an index into an object").isEmpty();
  }

  @Test
  void malformedPathsSayWhere() {
    assertThatThrownBy(() -> JsonPath.parse("order.status"))
        .hasMessage(
            "must start with $ (JSONPath, $.order.status) or / (JSON Pointer, /order/status)");
    assertThatThrownBy(() -> JsonPath.parse("$.a[1"))
        .hasMessage("is not a valid path at character 4: the [ is not closed");
    assertThatThrownBy(() -> JsonPath.parse("$..a"))
        .hasMessageStartingWith(
            "is not a valid path at character 3: expected a key after '.' but found '.'");
    assertThatThrownBy(() -> JsonPath.parse("$.a[*]"))
        .hasMessage(
            "is not a valid path at character 5: expected a list index or a quoted key in [ ],"
                + " found '*'");
    assertThatThrownBy(() -> JsonPath.parse("$['a"))
        .hasMessage("is not a valid path at character 3: the quoted key is not closed");
    assertThatThrownBy(() -> JsonPath.parse("$a"))
        .hasMessage("is not a valid path at character 2: expected . or [ but found 'a'");
  }
}
