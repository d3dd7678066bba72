package dev.promptops.core.dotprompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.PromptFile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs on which the engine threw something other than a PromptOpsException, or a message no user
 * can act on, found by the fuzz tests ({@code dev.promptops.core.dotprompt.fuzz}) or while reducing
 * their findings; each in its smallest form.
 */
class FuzzFindingsTest {

  static PromptFile parse(String source) {
    return PromptFile.parse(source, "found.prompt");
  }

  static CompiledPrompt compile(String source) {
    return Dotprompt.compile(parse(source), "found.prompt", Partials.none());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{{x a=}}", "{{#each items a= as |item|}}{{item}}{{/each}}", "{{x (y a= )}}"})
  void aHashArgumentWithoutValueIsASyntaxError(String template) {
    // was: StringIndexOutOfBoundsException in TemplateScanner
    assertThat(Lint.check(parse(template), "found.prompt", Partials.none()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo("template_syntax");
              assertThat(p.message()).isEqualTo("the hash argument 'a=' has no value");
              assertThat(p.line()).isEqualTo(1);
            });
    assertThatThrownBy(() -> compile(template)).isInstanceOf(TemplateException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{{~#each}}{{^}}{{/each}}",
        "{{~#if x}}a{{^}}b{{/if}}",
        "{{#if x}}a{{~^}}b{{/if}}"
      })
  void anInverseAfterWhitespaceControlIsASyntaxError(String template) {
    // was: IllegalArgumentException ("The inverseLabel must be one of '^' or 'else'") from
    // Handlebars.java, at compile, or at the first render of a partial
    assertThatThrownBy(() -> compile(template))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> assertThat(e.problems().getFirst().hint()).contains("write {{else}} instead"));
    CompiledPrompt withPartial =
        Dotprompt.compile(parse("{{> p}}"), "found.prompt", Partials.of(Map.of("p", template)));
    assertThatThrownBy(() -> withPartial.render(RenderData.of(Json.object())))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void aHashArgumentMayHaveSpaceBeforeItsValue() {
    assertThat(Lint.check(parse("{{json this indent= 2}}"), "found.prompt", Partials.none()))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a\n  {{#* inlin2 \"p\"}}x{{/inlin2}}", "{{#*inline}}x{{/inline}}", "{{* deco}}"})
  void decoratorsOtherThanANamedInlineAreRefusedAtCompile(String template) {
    // was: IllegalArgumentException ("The error's column number must be greater than zero") or a
    // NullPointerException's message from every render; lint let them through
    assertThat(Lint.check(parse(template), "found.prompt", Partials.none()))
        .singleElement()
        .satisfies(p -> assertThat(p.code()).isEqualTo("unknown_decorator"));
    assertThatThrownBy(() -> compile(template)).isInstanceOf(TemplateException.class);
  }

  @Test
  void jsonOfANumberTooLargeForADoubleIsNullAsInJavaScript() throws Exception {
    // was: TemplateException "java.lang.NumberFormatException: Infinite or NaN" from the json
    // helper
    var rendered =
        compile("{{json this}} {{n}}")
            .render(RenderData.of((ObjectNode) Json.parse("{\"n\": 1e999, \"m\": -1e999}")));
    assertThat(rendered.messages().get(0).at("/content/0/text").asText())
        .isEqualTo("{\"n\":null,\"m\":null} Infinity");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/hostname", "http://127.0.0.1:9/schema.json", "classpath:x"})
  void aSchemaRefOutsideTheSchemaIsRefusedAtCompileNotFetched(String ref) {
    // was: the validator read the file or fetched the URL at render time, then threw
    // JsonSchemaException
    String source =
        "---\ninput:\n  schema:\n    type: object\n    properties:\n      n: {$ref: \""
            + ref
            + "\"}\n---\n{{n}}";
    assertThat(Lint.check(parse(source), "found.prompt", Partials.none()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo("invalid_schema");
              assertThat(p.message()).contains("is not allowed to be loaded");
              assertThat(p.hint()).contains("a $ref may point only inside the schema");
            });
  }

  @Test
  void aSchemaRefThatDoesNotResolveIsRefusedAtCompile() {
    // was: InvalidSchemaRefException from every render; lint let it through
    String source =
        "---\ninput:\n  schema:\n    type: object\n    properties:\n"
            + "      n: {$ref: \"#/$defs/missing\"}\n---\n{{n}}";
    assertThatThrownBy(() -> compile(source))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> assertThat(e.problems().getFirst().code()).isEqualTo("invalid_schema"));
  }

  @Test
  void aSchemaRefInsideTheSchemaStillWorks() throws Exception {
    String source =
        "---\ninput:\n  schema:\n    type: object\n    $defs: {name: {type: string}}\n"
            + "    properties:\n      n: {$ref: \"#/$defs/name\"}\n---\n{{n}}";
    var prompt = compile(source);
    var rendered = prompt.render(RenderData.of((ObjectNode) Json.parse("{\"n\": \"Ada\"}")));
    assertThat(rendered.messages().get(0).at("/content/0/text").asText()).isEqualTo("Ada");
    assertThatThrownBy(() -> prompt.render(RenderData.of((ObjectNode) Json.parse("{\"n\": 1}"))))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("variable 'n' does not fit the input schema");
  }

  @Test
  void blankAndCommentLinesBeforeFrontMatterDoNotOverflowTheStack() {
    // was: StackOverflowError in the regular expression finding the opening '---' (from about 1000
    // lines on)
    var file = parse("\n".repeat(5000) + "# licence\n".repeat(5000) + "---\nmodel: m\n---\nhi");
    assertThat(file.frontMatter().path("model").asText()).isEqualTo("m");
    assertThat(file.templateLine()).isEqualTo(10004);
    assertThat(parse("\n".repeat(10000) + "no front matter").template()).startsWith("\n\n");
  }

  @Test
  void frontMatterStillOpensOnlyOnALineOfThreeDashes() {
    assertThat(parse("  \t\n# c\n---  \na: 1\n---\nx").frontMatter().path("a").asInt()).isOne();
    assertThat(parse("----\na: 1\n---\nx").frontMatter().isEmpty()).isTrue();
    assertThat(parse(" # not a comment\n---\na: 1\n---\nx").frontMatter().isEmpty()).isTrue();
    assertThat(parse("---").frontMatter().isEmpty()).isTrue();
  }

  @Test
  void longCommentsStillCloseAtTheFirstDashesBeforeBraces() {
    var analysis =
        TemplateAnalysis.of("{{!-- a }} -- b --}}{{x}}{{!-- c -- ~}}{{y}}{{!----}}{{z}}");
    assertThat(analysis.findings()).isEmpty();
    assertThat(analysis.variables()).containsOnlyKeys("x", "y", "z");
    assertThat(TemplateAnalysis.of("{{!--}} {{x}}").findings())
        .extracting(TemplateAnalysis.Finding::message)
        .containsExactly("a comment is never closed with '}}'");
  }

  @Test
  void partialsStillRenderWithinTheLimits() throws Exception {
    var prompt =
        Dotprompt.compile(
            parse("{{#if a}}{{> p}}{{/if}}"), "found.prompt", Partials.of(Map.of("p", "[{{a}}]")));
    var rendered = prompt.render(RenderData.of((ObjectNode) Json.parse("{\"a\": 1}")));
    assertThat(rendered.messages().get(0).at("/content/0/text").asText()).isEqualTo("[1]");
  }

  static final String PATTERN_PROMPT =
      "---\ninput:\n  schema:\n    type: object\n    properties:\n"
          + "      a: {type: string, pattern: '%s'}\n---\n{{a}}";

  @Test
  void aSchemaPatternThatIsNoRegularExpressionIsAProblemOfTheSchema() {
    // was: java.util.regex.PatternSyntaxException from inside the JSON Schema library (on
    // "^x{{#e", which RE2 reads as literal braces, as ECMAScript does)
    assertThat(compile(PATTERN_PROMPT.formatted("^x{{#e"))).isNotNull();
    assertThatThrownBy(() -> compile(PATTERN_PROMPT.formatted("^(x")))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.code()).isEqualTo("invalid_schema");
                          assertThat(p.message())
                              .contains("pattern '^(x' is not a regular expression");
                        }));
  }

  @Test
  void backreferencesAndLookaroundAreRefusedByName() {
    assertThatThrownBy(() -> compile(PATTERN_PROMPT.formatted("(a)\\1")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("backreferences and lookaround are not supported");
    assertThatThrownBy(() -> compile(PATTERN_PROMPT.formatted("^(?=a)")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("not a regular expression PromptOps can match in linear time");
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void aPatternThatBacktracksForeverOnJavasEngineMatchesInLinearTime() throws Exception {
    var prompt = compile(PATTERN_PROMPT.formatted("^(a+)+$"));
    String evil = "a".repeat(5000) + "!";
    assertThatThrownBy(
            () ->
                prompt.render(RenderData.of((ObjectNode) Json.parse("{\"a\": \"" + evil + "\"}"))))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("pattern");
    var fine = prompt.render(RenderData.of((ObjectNode) Json.parse("{\"a\": \"aaa\"}")));
    assertThat(fine.messages().get(0).at("/content/0/text").asText()).isEqualTo("aaa");
  }

  @Test
  void aPatternMatchesAnywhereInTheValueAsJsonSchemaSays() {
    assertThat(JsonSchemas.validate(schemaWithPattern("b+"), Json.object().textNode("abba")))
        .isEmpty();
    assertThat(JsonSchemas.validate(schemaWithPattern("^b"), Json.object().textNode("abba")))
        .singleElement()
        .asString()
        .contains("pattern");
  }

  private static ObjectNode schemaWithPattern(String pattern) {
    return Json.object().put("type", "string").put("pattern", pattern);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{{\u0015}}", "{{name \u0000}}", "{{#if \u0007a}}x{{/if}}", "{{{\u007f}}}"})
  void aControlCharacterInsideATagIsASyntaxError(String template) {
    // was: IllegalArgumentException "A helper's name is required." from Handlebars.java
    assertThat(Lint.check(parse(template), "found.prompt", Partials.none()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo("template_syntax");
              assertThat(p.message()).startsWith("a control character (U+00");
            });
    assertThatThrownBy(() -> compile(template)).isInstanceOf(TemplateException.class);
  }
}
