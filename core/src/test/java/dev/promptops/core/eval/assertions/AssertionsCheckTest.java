package dev.promptops.core.eval.assertions;

import static dev.promptops.core.eval.assertions.Fixtures.a;
import static dev.promptops.core.eval.assertions.Fixtures.checkError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.AssertionType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error {@link Assertions#check} reports, and that its example is itself a valid spec. */
class AssertionsCheckTest {

  static Stream<Arguments> errors() {
    return Stream.of(
        // thresholds and providers, for every type
        arguments(
            "{type: contains, value: a, threshold: 0.5}",
            "assertion contains: takes no threshold (it passes or fails on its value); remove it"),
        arguments(
            "{type: latency}",
            "assertion latency: needs a threshold: the maximum latency in milliseconds"),
        arguments(
            "{type: not-cost}", "assertion not-cost: needs a threshold: the maximum cost in USD"),
        arguments(
            "{type: tokens}", "assertion tokens: needs a threshold: the maximum number of tokens"),
        arguments(
            "{type: latency, threshold: -5}",
            "assertion latency: threshold must be at least 0 (the maximum latency in milliseconds),"
                + " got -5"),
        arguments(
            "{type: bleu, value: x, threshold: 1.5}",
            "assertion bleu: threshold must be between 0 and 1 (the minimum score), got 1.5"),
        arguments(
            "{type: levenshtein, value: x, threshold: -1}",
            "assertion levenshtein: threshold must be at least 0 (the maximum edit distance), got -1"),
        arguments(
            "{type: contains, value: a, provider: openai/gpt-4o}",
            "assertion contains: takes no provider (only similar and llm-rubric call a model); remove"
                + " it"),
        arguments(
            "{type: llm-rubric, value: x, provider: ' '}",
            "assertion llm-rubric: provider is blank; name a model such as openai/gpt-4o-mini, or"
                + " leave it out"),
        // text types
        arguments("{type: contains}", "assertion contains: needs a value: a text, got no value"),
        arguments(
            "{type: icontains, value: [a]}",
            "assertion icontains: needs a value: a text, got a list"),
        arguments(
            "{type: not-starts-with, value: ''}",
            "assertion not-starts-with: needs a value: a text, got an empty string"),
        arguments(
            "{type: equals}",
            "assertion equals: needs a value: the exact text, or an object or list for JSON output"),
        arguments(
            "{type: regex, value: 12}",
            "assertion regex: needs a value: a regular expression as a string, got a number"),
        arguments(
            "{type: regex, value: '(a'}",
            "assertion regex: /(a/ is not a regular expression RE2 accepts: missing closing )"
                + " (backreferences and lookaround are not supported)"),
        arguments(
            "{type: regex, value: 'a(?=b)'}",
            "assertion regex: /a(?=b)/ is not a regular expression RE2 accepts: invalid or"
                + " unsupported Perl syntax (backreferences and lookaround are not supported)"),
        // lists
        arguments(
            "{type: contains-any}",
            "assertion contains-any: needs a value: a list of texts or one comma-separated string,"
                + " got no value"),
        arguments(
            "{type: contains-all, value: []}",
            "assertion contains-all: needs a value: a list of texts or one comma-separated string,"
                + " got an empty list"),
        arguments(
            "{type: icontains-any, value: [a, {b: 1}]}",
            "assertion icontains-any: item 2 of the list must be a non-empty text, got an object"),
        arguments(
            "{type: icontains-all, value: [a, '']}",
            "assertion icontains-all: item 2 of the list must be a non-empty text, got an empty"
                + " string"),
        arguments(
            "{type: contains-any, value: 'a, \"b'}",
            "assertion contains-any: the comma-separated value has a quote opened at character 4"
                + " that is not closed"),
        arguments(
            "{type: contains-any, value: '\"a\" b'}",
            "assertion contains-any: the comma-separated value needs a comma after the quoted item,"
                + " at character 5"),
        arguments(
            "{type: contains-all, value: ' , ,'}",
            "assertion contains-all: the comma-separated value names no text"),
        // JSON
        arguments(
            "{type: json-schema}",
            "assertion json-schema: needs a value: the JSON Schema the output must fit"),
        arguments(
            "{type: is-json, value: {type: strnig}}",
            "assertion is-json: the schema is not valid JSON Schema: $.type: does not have a value"
                + " in the enumeration [\"array\", \"boolean\", \"integer\", \"null\", \"number\","
                + " \"object\", \"string\"]; $.type: string found, array expected"),
        arguments(
            "{type: contains-json, value: {required: name}}",
            "assertion contains-json: the schema is not valid JSON Schema: $.required: string"
                + " found, array expected"),
        arguments(
            "{type: json-schema, value: 5}",
            "assertion json-schema: the schema must be an object (or YAML text of one), got a"
                + " number"),
        arguments(
            "{type: json-schema, value: 'file://schemas/order.json'}",
            "assertion json-schema: schema files (file://schemas/order.json) are not read here;"
                + " write the schema inline"),
        arguments(
            "{type: is-json, value: '[1, 2]'}",
            "assertion is-json: the schema text must hold an object, got a list"),
        arguments(
            "{type: is-json, value: 'a: [1'}",
            "assertion is-json: the schema text is not YAML or JSON: while parsing a flow"
                + " sequence: expected ',' or ']', but got <stream end> (line 1, column 6)"),
        arguments(
            "{type: json-schema, value: {$ref: 'https://example.com/s.json'}}",
            "assertion json-schema: the schema cannot be used: Schema from"
                + " 'https://example.com/s.json' is not allowed to be loaded."),
        arguments(
            "{type: json-schema, value: {type: string, pattern: '(a)\\1'}}",
            "assertion json-schema: the schema cannot be used: pattern '(a)\\1' is not a regular"
                + " expression PromptOps can match in linear time"),
        arguments(
            "{type: is-valid-output, value: {type: object}}",
            "assertion is-valid-output: takes no value (it checks the prompt's own output schema);"
                + " remove it"),
        // json-path
        arguments(
            "{type: json-path}",
            "assertion json-path: needs a value: {path, and one of equals, in, contains, matches,"
                + " exists}, got no value"),
        arguments(
            "{type: json-path, value: {path: $.a, equal: 1}}",
            "assertion json-path: unknown key 'equal'; write path and one of equals, in, contains,"
                + " matches, exists"),
        arguments(
            "{type: json-path, value: {path: $.a, equals: 1, in: [1]}}",
            "assertion json-path: give one condition, not equals and in"),
        arguments(
            "{type: json-path, value: {equals: 1}}",
            "assertion json-path: needs a path, a string such as $.order.status, got no value"),
        arguments(
            "{type: json-path, value: {path: 'order.status', equals: 1}}",
            "assertion json-path: path \"order.status\" must start with $ (JSONPath,"
                + " $.order.status) or / (JSON Pointer, /order/status)"),
        arguments(
            "{type: json-path, value: {path: '$.a[x]'}}",
            "assertion json-path: path \"$.a[x]\" is not a valid path at character 5: expected a"
                + " list index or a quoted key in [ ], found 'x'"),
        arguments(
            "{type: json-path, value: {path: $.a, in: []}}",
            "assertion json-path: in needs a non-empty list, got a list"),
        arguments(
            "{type: json-path, value: {path: $.a, exists: 'yes'}}",
            "assertion json-path: exists needs true or false, got a string"),
        arguments(
            "{type: json-path, value: {path: $.a, matches: 5}}",
            "assertion json-path: matches needs a regular expression as a string, got a number"),
        arguments(
            "{type: json-path, value: {path: $.a, matches: '[a'}}",
            "assertion json-path: matches /[a/ is not a regular expression RE2 accepts: missing"
                + " closing ]"),
        arguments(
            "{type: json-path, value: {path: $.a, contains: {b: 1}}}",
            "assertion json-path: contains needs a text, number or boolean, got an object"),
        // counts
        arguments(
            "{type: word-count}",
            "assertion word-count: needs a value: a number (the exact count) or {min, max}, got no"
                + " value"),
        arguments(
            "{type: word-count, value: -1}",
            "assertion word-count: the value must be a whole number, at least 0, got -1"),
        arguments(
            "{type: length, value: {max: 2.5}}",
            "assertion length: max must be a whole number, at least 0, got 2.5"),
        arguments(
            "{type: length, value: {min: 3, max: 2}}",
            "assertion length: min (3) must not be greater than max (2)"),
        arguments("{type: word-count, value: {}}", "assertion word-count: needs min, max or both"),
        arguments(
            "{type: word-count, value: {minimum: 3}}",
            "assertion word-count: unknown key 'minimum'; write min, max or both"),
        arguments(
            "{type: length, value: many}",
            "assertion length: the value must be a whole number, at least 0, got many"),
        // metrics
        arguments(
            "{type: levenshtein}",
            "assertion levenshtein: needs a value: the expected text, got no value"),
        arguments(
            "{type: rouge-n, value: '   '}",
            "assertion rouge-n: needs a value with at least one word"),
        arguments(
            "{type: rouge-n, value: [a]}", "assertion rouge-n: needs a value: a text, got a list"),
        arguments(
            "{type: bleu, value: ' '}",
            "assertion bleu: needs a value: the expected text, got a blank string"),
        arguments(
            "{type: bleu, value: []}",
            "assertion bleu: needs a value: the expected text or a list of them, got a list"),
        arguments(
            "{type: bleu, value: [a, [b]]}",
            "assertion bleu: every expected text in the list must be a text, got a list"),
        // graded
        arguments(
            "{type: similar}",
            "assertion similar: needs a value: the expected text or a list of them, got no value"),
        arguments(
            "{type: similar, value: ' '}",
            "assertion similar: needs a value: the expected text or a list of them, got a blank"
                + " string"),
        arguments(
            "{type: similar, value: [a, ' ']}",
            "assertion similar: every expected text in the list must be a non-blank text"),
        arguments(
            "{type: llm-rubric}",
            "assertion llm-rubric: needs a value: the rubric the judge grades the output by, got no"
                + " value"),
        arguments(
            "{type: llm-rubric, value: {}}",
            "assertion llm-rubric: needs a value: the rubric the judge grades the output by, got an"
                + " object"),
        // run facts
        arguments(
            "{type: latency, threshold: 10, value: 5}",
            "assertion latency: takes no value, only a threshold (the maximum); remove the value"),
        arguments(
            "{type: tokens, threshold: 10, value: output}",
            "assertion tokens: the value, when given, is {kind: input|output|total}, got a string"),
        arguments(
            "{type: tokens, threshold: 10, value: {kind: prompt}}",
            "assertion tokens: kind must be input, output or total, got \"prompt\""),
        arguments(
            "{type: tokens, threshold: 10, value: {}}",
            "assertion tokens: the value needs kind: input, output or total"),
        arguments(
            "{type: tokens, threshold: 10, value: {type: output}}",
            "assertion tokens: unknown key 'type'; the value takes only kind"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void namesTheAssertionAndWhatIsWrongAndShowsAValidExample(String assertion, String message) {
    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> Assertions.check(a(assertion)));
    assertThat(e).as(assertion).isNotNull();
    assertThat(e.code()).isEqualTo("invalid_assertion");
    assertThat(e.getMessage()).startsWith(message);
    assertThat(e.hint()).startsWith("for example {type: " + a(assertion).displayType());
    String example = e.hint().substring("for example ".length());
    assertThatCode(() -> Assertions.check(a(example)))
        .as("the example in the hint is itself valid: %s", example)
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{type: equals, value: {a: [1, 2]}}",
        "{type: equals, value: ''}",
        "{type: contains, value: 0}",
        "{type: not-icontains, value: '{{name}}'}",
        "{type: contains-any, value: 'a, \"b, c\"'}",
        "{type: regex, value: '^{{prefix}}+\\d{2,}$'}",
        "{type: is-json}",
        "{type: is-json, value: ''}",
        "{type: is-json, value: true}",
        "{type: contains-json, value: 'type: object'}",
        "{type: json-schema, value: {$defs: {a: {type: string}}, $ref: '#/$defs/a'}}",
        "{type: json-path, value: $.a}",
        "{type: json-path, value: {path: /a/0, equals: null}}",
        "{type: json-path, value: {path: '$[0]', matches: '{{p}}'}}",
        "{type: is-valid-output}",
        "{type: word-count, value: '12'}",
        "{type: length, value: {min: 0}}",
        "{type: levenshtein, value: '', threshold: 0}",
        "{type: rouge-n, value: hello world, threshold: 1}",
        "{type: bleu, value: [a b, c d], threshold: 0}",
        "{type: similar, value: [a, b], provider: acme/embed}",
        "{type: llm-rubric, value: {criteria: polite}, threshold: 0.5}",
        "{type: latency, threshold: 0}",
        "{type: cost, threshold: 0.01}",
        "{type: tokens, threshold: 100, value: {kind: input}}"
      })
  void acceptsValidSpecs(String assertion) {
    assertThatCode(() -> Assertions.check(a(assertion))).doesNotThrowAnyException();
  }

  @Test
  void aThresholdMustBeFinite() {
    var spec =
        new AssertionSpec(
            AssertionType.SIMILAR,
            false,
            a("{type: similar, value: x}").value(),
            Double.NaN,
            1,
            null,
            null);
    var e = catchThrowableOfType(InvalidInputException.class, () -> Assertions.check(spec));
    assertThat(e.getMessage())
        .isEqualTo("assertion similar: threshold must be a finite number, got NaN");
    assertThat(e.hint())
        .isEqualTo("for example {type: similar, value: The refund was issued, threshold: 0.8}");
  }

  @Test
  void theHintOfAFailingCheckIsAYamlExample() {
    checkError("{type: not-contains}")
        .hasFieldOrPropertyWithValue("hint", "for example {type: not-contains, value: refund}");
    checkError("{type: cost}")
        .hasFieldOrPropertyWithValue("hint", "for example {type: cost, threshold: 0.002}");
  }
}
