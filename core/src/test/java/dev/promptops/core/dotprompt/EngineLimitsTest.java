package dev.promptops.core.dotprompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.auth.Role;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.registry.PromptVersions;
import dev.promptops.core.registry.PushItem;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The largest prompts a push accepts ({@link PromptVersions#MAX_SOURCE_CHARS}), built to hurt: each
 * is answered or refused with a clear error well within a request's time, never with a
 * StackOverflowError or a hang. Before these limits, each of them overflowed the stack or ran for
 * minutes.
 */
class EngineLimitsTest {
  static final int SIZE = PromptVersions.MAX_SOURCE_CHARS;
  static final Duration BUDGET = Duration.ofSeconds(20);

  /** Lint (which compiles when lint finds no error), as a push does; the problems. */
  static List<Problem> lint(String source) {
    return assertTimeoutPreemptively(
        BUDGET,
        () ->
            Lint.check(
                PromptFile.parse(source, "big.prompt"), "big.prompt", Partials.of(Map.of())));
  }

  static String repeat(String unit, int chars) {
    return unit.repeat(chars / unit.length());
  }

  @Test
  void aSourceOverTheLimitIsRefusedBeforeParsing() {
    var versions = new PromptVersions(null, null, Clock.systemUTC());
    var admin = new Principal("k1", "admin", Map.of("*", Role.ADMIN));
    String source = "x".repeat(SIZE + 1);
    assertThatThrownBy(() -> versions.push(admin, "shop", List.of(new PushItem("big", source)), ""))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.code()).isEqualTo("prompt_too_large");
              assertThat(e.getMessage()).isEqualTo("prompt 'big' is 524289 characters long");
              assertThat(e.hint()).isEqualTo("a prompt file may hold at most 524288 characters");
            });
  }

  @Test
  void deeplyNestedBlocksAreRefused() {
    int depth = SIZE / 20;
    String source = "{{#if a}}".repeat(depth) + "x" + "{{/if}}".repeat(depth);
    assertThat(lint(source))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo("template_too_deep");
              assertThat(p.message()).isEqualTo("blocks nest deeper than 64 levels");
              assertThat(p.column()).isEqualTo(1 + 64 * 9);
            });
    assertThat(lint("{{#each a}}".repeat(64) + "{{/each}}".repeat(64))).isEmpty();
  }

  @Test
  void unclosedBlocksAreRefused() {
    assertThat(lint(repeat("{{#each a}}", SIZE)))
        .extracting(Problem::code)
        .containsExactly("template_too_deep");
  }

  @Test
  void deeplyNestedSubExpressionsAreRefused() {
    String source = "{{lookup " + repeat("(lookup ", SIZE / 2) + "this 'a'" + "}}";
    assertThat(lint(source))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo("sub-expressions '(...)' nest deeper than 32 levels"));
  }

  @Test
  void rawBlocksNestedInRawBlocksAreRefused() {
    assertThat(lint(repeat("{{{{raw}}}}", SIZE)))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo("raw blocks '{{{{name}}}}' nest deeper than 64 levels"));
    assertThat(lint("{{{{raw}}}} {{x}} {{{{/raw}}}}".repeat(1000))).isEmpty();
  }

  @Test
  void aLongCommentIsReadInOnePass() {
    assertThat(lint("{{!--" + repeat("-- ", SIZE - 10) + "}}"))
        .extracting(Problem::code)
        .containsOnly("template_syntax");
  }

  @Test
  void lintSuggestsNamesQuicklyHoweverLong() {
    String declared = "c".repeat(SIZE / 2 - 100);
    String used = declared.substring(1) + "x";
    String source =
        "---\ninput:\n  schema:\n    ? " + declared + "\n    : string\n---\n{{" + used + "}}";
    assertThat(lint(source))
        .filteredOn(Problem::isError)
        .singleElement()
        .satisfies(p -> assertThat(p.message()).endsWith("did you mean '" + declared + "'?"));
  }

  @Test
  void manyUndeclaredVariablesAreListedBriefly() {
    int n = 3000;
    String keys =
        IntStream.range(0, n)
            .mapToObj(i -> "    key" + i + ": string\n")
            .collect(Collectors.joining());
    String vars =
        IntStream.range(0, n).mapToObj(i -> "{{var" + i + "}}").collect(Collectors.joining());
    var problems = lint("---\ninput:\n  schema:\n" + keys + "---\n" + vars);
    assertThat(problems).filteredOn(Problem::isError).hasSize(n);
    assertThat(problems.stream().mapToInt(p -> p.hint().length()).max().orElseThrow())
        .isLessThan(300);
    assertThat(problems.stream().filter(Problem::isError).findFirst().orElseThrow().hint())
        .startsWith("declared: key0, key1, key10, key100, key1000,")
        .endsWith(" and 2980 more; declare it or fix the name");
  }

  @Test
  void aRenderMissingManyVariablesNamesEachQuickly() {
    int n = 5000;
    String keys =
        IntStream.range(0, n)
            .mapToObj(i -> "    key" + i + ": string\n")
            .collect(Collectors.joining());
    String vars =
        IntStream.range(0, n).mapToObj(i -> "{{key" + i + "}}").collect(Collectors.joining());
    var prompt =
        Dotprompt.compile(
            PromptFile.parse("---\ninput:\n  schema:\n" + keys + "---\n" + vars, "big.prompt"),
            "big.prompt",
            Partials.none());
    var e =
        assertTimeoutPreemptively(
            BUDGET,
            () -> {
              try {
                prompt.render(RenderData.of((ObjectNode) Json.parse("{}")));
                return null;
              } catch (TemplateException t) {
                return t;
              }
            });
    assertThat(e.problems()).hasSize(n).allSatisfy(p -> assertThat(p.line()).isEqualTo(4 + n + 1));
  }

  @Test
  void deepYamlIsRefused() {
    assertThatThrownBy(
            () ->
                assertTimeoutPreemptively(
                    BUDGET,
                    () -> PromptFile.parse("---\na: " + repeat("[", SIZE - 20) + "\n---\nx", "y")))
        .hasMessageContaining("nesting depth");
  }

  /**
   * Runs {@code call} on a thread with a 512 KB stack, less than a virtual thread may get: what
   * passes here does not overflow in a request either. Rethrows what the call threw.
   */
  static <T> T onSmallStack(java.util.concurrent.Callable<T> call) throws Throwable {
    var result = new java.util.concurrent.atomic.AtomicReference<T>();
    var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(call.call());
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "small-stack",
            512 * 1024);
    thread.start();
    thread.join(BUDGET.toMillis());
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  /** {@code {a: {type: object, properties: {a: ... {a: {type: string}}}}}} at {@code levels}. */
  static String nestedJsonSchema(int levels) {
    return "{type: object, properties: "
        + "{a: {type: object, properties: ".repeat(levels - 1)
        + "{a: {type: string}}"
        + "}}".repeat(levels - 1)
        + "}";
  }

  @Test
  void deeplyNestedSchemasAreRefused() throws Throwable {
    for (String schema :
        List.of(nestedJsonSchema(450), "{a: ".repeat(600) + "string" + "}".repeat(600))) {
      List<Problem> problems =
          onSmallStack(() -> lint("---\ninput:\n  schema: " + schema + "\n---\n{{a}}"));
      assertThat(problems)
          .filteredOn(Problem::isError)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.code()).isEqualTo("invalid_schema");
                assertThat(p.message())
                    .startsWith(
                        "the schema nests deeper than " + JsonSchemas.MAX_DEPTH + " levels");
              });
    }
    assertThat(lint("---\ninput:\n  schema: " + nestedJsonSchema(60) + "\n---\n{{a}}"))
        .noneMatch(Problem::isError);
  }

  @Test
  void deepVariablesUnderARecursiveSchemaAreRefusedUnchecked() throws Throwable {
    var prompt =
        Dotprompt.compile(
            PromptFile.parse(
                """
                ---
                input:
                  schema:
                    type: object
                    $defs: {node: {type: object, properties: {a: {$ref: '#/$defs/node'}}}}
                    properties: {a: {$ref: '#/$defs/node'}}
                ---
                {{a}}""",
                "deep.prompt"),
            "deep.prompt",
            Partials.none());
    var deep = (ObjectNode) Json.parse("{\"a\":".repeat(999) + "{}" + "}".repeat(999));
    TemplateException e =
        onSmallStack(
            () -> {
              try {
                prompt.render(RenderData.of(deep));
                return null;
              } catch (TemplateException t) {
                return t;
              }
            });
    assertThat(e).isNotNull();
    assertThat(e.problems().getFirst().message())
        .isEqualTo(
            "the variables cannot be checked against the input schema: the value nests deeper"
                + " than 256 levels, too deep to check");
    var shallow = (ObjectNode) Json.parse("{\"a\":".repeat(100) + "{}" + "}".repeat(100));
    assertThat(onSmallStack(() -> prompt.render(RenderData.of(shallow)))).isNotNull();
    assertThat(
            JsonSchemas.validate(
                Json.parse(
                    "{\"$defs\": {\"n\": {\"items\": {\"$ref\": \"#/$defs/n\"}}}, \"$ref\": \"#/$defs/n\"}"),
                Json.parse("[".repeat(999) + "]".repeat(999))))
        .containsExactly("the value nests deeper than 256 levels, too deep to check");
  }
}
