package dev.promptops.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.json.CanonicalJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test vectors of docs/digests.md: these digests are a contract and must never change. */
class PromptDigestTest {

  @Test
  void vector1_templateOnly() {
    PromptFile file = PromptFile.parse("Hello {{name}}!\n", "v1");
    assertThat(
            CanonicalJson.write(
                PromptDigest.document(file.frontMatter(), file.template(), List.of())))
        .isEqualTo(
            "{\"canonicalForm\":1,\"components\":{},\"frontMatter\":{},\"template\":\"Hello {{name}}!\\n\"}");
    assertThat(PromptDigest.of(file, List.of()))
        .isEqualTo("sha256:a8d50d2bfb92652c08e9c4aba0436d38eeb24b1b6116a5a4a7a2d03880fb79bd");
  }

  @Test
  void vector2_frontMatterMeaningNotSpelling() {
    String a =
        """
        ---
        model: openai/gpt-4o-mini
        config:
          temperature: 0.70
          maxOutputTokens: 256
        input:
          schema:
            name: string
        ---
        You are a helpful assistant.
        Greet {{name}}.
        """;
    String b =
        """
        ---
        # the same meaning: other key order, quoting, comments, number spelling
        input: {schema: {name: "string"}}
        config: {maxOutputTokens: 256.0, temperature: 7e-1}
        model: 'openai/gpt-4o-mini'
        ---
        You are a helpful assistant.
        Greet {{name}}.
        """;
    String expected = "sha256:304cca6d333e648726b5337e41f3c0d8b79a59a2a2c029a7e18baedea247dbab";
    assertThat(PromptDigest.of(PromptFile.parse(a, "a"), List.of())).isEqualTo(expected);
    assertThat(PromptDigest.of(PromptFile.parse(b, "b"), List.of())).isEqualTo(expected);
  }

  @Test
  void vector3_componentPinsAreDigested() {
    PromptFile file = PromptFile.parse("{{> header}}\nBody\n", "v3");
    var pin = new ComponentPin("header", 4, "sha256:" + "a".repeat(64));
    assertThat(PromptDigest.of(file, List.of(pin)))
        .isEqualTo("sha256:3d077eb9a79dbefcc29ab7716b7551e5c2b9ba08c358b3a2879cf5a6dd1d619d");
    var other = new ComponentPin("header", 5, "sha256:" + "b".repeat(64));
    assertThat(PromptDigest.of(file, List.of(other)))
        .isNotEqualTo(PromptDigest.of(file, List.of(pin)));
  }

  @Test
  void lineEndingsAndByteOrderMarkDoNotCount() {
    String lf = "---\nmodel: x\n---\nline one\nline two\n";
    String crlf = "\uFEFF---\r\nmodel: x\r\n---\r\nline one\r\nline two\r\n";
    assertThat(PromptDigest.of(PromptFile.parse(crlf, "crlf"), List.of()))
        .isEqualTo(PromptDigest.of(PromptFile.parse(lf, "lf"), List.of()));
  }

  @Test
  void whitespaceInTheTemplateCounts() {
    String a = PromptDigest.of(PromptFile.parse("Hello {{name}}\n", "a"), List.of());
    String b = PromptDigest.of(PromptFile.parse("Hello  {{name}}\n", "b"), List.of());
    String c = PromptDigest.of(PromptFile.parse("Hello {{name}}", "c"), List.of());
    assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void anyFrontMatterValueCounts() {
    String a =
        PromptDigest.of(
            PromptFile.parse("---\nconfig: {temperature: 0.7}\n---\nx", "a"), List.of());
    String b =
        PromptDigest.of(
            PromptFile.parse("---\nconfig: {temperature: 0.8}\n---\nx", "b"), List.of());
    assertThat(a).isNotEqualTo(b);
  }
}
