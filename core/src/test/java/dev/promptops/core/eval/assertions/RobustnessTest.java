package dev.promptops.core.eval.assertions;

import static dev.promptops.core.eval.assertions.Fixtures.a;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.AssertionType;
import dev.promptops.core.eval.Graders;
import dev.promptops.core.eval.Output;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.Usage;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** No output text makes an assertion throw, hang, or answer a score outside [0, 1]. */
class RobustnessTest {
  static final List<String> SPECS =
      List.of(
          "{type: equals, value: Paris}",
          "{type: equals, value: {a: [1, {b: null}]}}",
          "{type: contains, value: '{{x}}'}",
          "{type: icontains, value: İSTANBUL}",
          "{type: contains-any, value: [a, b]}",
          "{type: contains-all, value: 'a, b'}",
          "{type: icontains-any, value: [Ω]}",
          "{type: icontains-all, value: [ß, é]}",
          "{type: starts-with, value: '{'}",
          "{type: regex, value: '(x+x+)+y'}",
          "{type: is-json}",
          "{type: is-json, value: {type: object, properties: {a: {pattern: '^(a|a)*$'}}}}",
          "{type: contains-json, value: {type: array, items: {$ref: '#'}}}",
          "{type: json-schema, value: {type: object}}",
          "{type: json-path, value: {path: '$.a[0].b', matches: '.*'}}",
          "{type: is-valid-output}",
          "{type: word-count, value: {min: 1}}",
          "{type: length, value: {max: 10}}",
          "{type: levenshtein, value: hello, threshold: 5}",
          "{type: rouge-n, value: the cat sat}",
          "{type: bleu, value: [the cat sat, a dog]}",
          "{type: similar, value: [a, b]}",
          "{type: llm-rubric, value: is correct}",
          "{type: latency, threshold: 10}",
          "{type: cost, threshold: 0.1}",
          "{type: tokens, threshold: 10}");

  static final Graders STEADY =
      new Graders() {
        @Override
        public float[] embed(String provider, String text) {
          return new float[] {text.length() % 7, 1, (text.hashCode() & 3) - 1};
        }

        @Override
        public Judgement judge(String provider, String rubric, String output, ObjectNode vars) {
          return new Judgement(output.length() % 2 == 0, 7.5, null);
        }
      };

  static List<String> outputs() {
    var random = new Random(7);
    var noise = new StringBuilder();
    String alphabet = "{}[]\"\\:,  ab1.-\n`\u0000\uD83D\uDE00\uD800é";
    for (int i = 0; i < 100_000; i++) {
      noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return List.of(
        "",
        "   \n\t",
        "{\"a\":",
        "{\"a\": [1, {\"b\": null}]}",
        "```json\n{\"a\": [{\"b\": \"x\"}]}\n```",
        "[".repeat(3000) + "]".repeat(3000),
        "{".repeat(100_000),
        "\"" + "\\".repeat(100_001),
        "\uD800 unpaired \uDFFF surrogates and \u202Eright-to-left\u202C",
        "x".repeat(100_000) + "y",
        "{\"n\": 1e99999999, \"m\": -0.0e-9999}",
        noise.toString());
  }

  @Test
  @Timeout(60)
  void everyTypeAnswersEveryOutput() {
    Set<AssertionType> covered =
        SPECS.stream()
            .map(s -> a(s).type())
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(AssertionType.class)));
    assertThat(covered).containsExactlyInAnyOrder(AssertionType.values());

    ObjectNode schema = (ObjectNode) Fixtures.yaml("{type: object, required: [a]}");
    for (String text : outputs()) {
      var output =
          new Output(text, null, List.of(), 12, BigDecimal.ONE, new Usage(3, 4), false, null);
      var ctx = new AssertionContext(output, Json.object(), schema, STEADY);
      for (String s : SPECS) {
        for (boolean negated : List.of(false, true)) {
          AssertionSpec spec = a(s);
          spec =
              new AssertionSpec(
                  spec.type(), negated, spec.value(), spec.threshold(), 1, null, null);
          Assertions.check(spec);
          var r = Assertions.evaluate(spec, ctx);
          assertThat(r.score()).as(spec.displayType()).isBetween(0.0, 1.0);
          assertThat(r.reason())
              .as(spec.displayType())
              .isNotBlank()
              .doesNotContain("could not evaluate");
        }
      }
    }
  }

  @Test
  void theDeepestJsonAcceptedValidatesAgainstARecursiveSchemaOnASmallStack() throws Exception {
    int depth = JsonText.MAX_DEPTH;
    String deep = "[".repeat(depth) + "]".repeat(depth);
    var spec = a("{type: json-schema, value: {type: array, items: {$ref: '#'}}}");
    var result = new java.util.concurrent.atomic.AtomicReference<String>();
    Thread t =
        new Thread(
            null,
            () -> result.set(Assertions.evaluate(spec, Fixtures.ctx(deep)).reason()),
            "small-stack",
            512 * 1024);
    t.start();
    t.join();
    assertThat(result.get()).isEqualTo("output is JSON that fits the schema");
    assertThat(Assertions.evaluate(spec, Fixtures.ctx("[" + deep + "]")).reason())
        .startsWith("output is not JSON: Document nesting depth (257) exceeds the maximum allowed");
  }

  @Test
  void levenshteinOnTwoHugeTextsWithAHugeLimitSaysItCannotCompare() {
    String big = "ab".repeat(200_000);
    var spec = a("{type: levenshtein, value: '" + "ba".repeat(200_000) + "', threshold: 100000}");
    var r = Assertions.evaluate(spec, Fixtures.ctx(big));
    assertThat(r.pass()).isFalse();
    assertThat(r.reason())
        .isEqualTo(
            "levenshtein distance not computed: the texts are too long to compare (400000 and"
                + " 400000 characters that differ)");
  }

  @Test
  void containsJsonGivesUpOnAnEndlessRunOfOpenBracketsQuickly() {
    var found = JsonExtractor.find("[".repeat(1_000_000));
    assertThat(found.values()).isEmpty();
    assertThat(found.truncated()).isTrue();
    var r = Assertions.evaluate(a("{type: contains-json}"), Fixtures.ctx("{".repeat(1_000_000)));
    assertThat(r.reason())
        .isEqualTo(
            "output contains no JSON object or list (the search gave up after 20 million"
                + " characters)");
  }
}
