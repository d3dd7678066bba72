package dev.promptops.core.dotprompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.PromptFile;
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
}
