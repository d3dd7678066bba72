package dev.promptops.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small parts of the mock: globs, templates, tokens, stream pieces, schemas, embeddings. */
class PiecesTest {

  @Test
  void globs() {
    assertThat(Glob.matches("gpt-4o*", "gpt-4o-mini")).isTrue();
    assertThat(Glob.matches("gpt-4o*", "gpt-4")).isFalse();
    assertThat(Glob.matches("claude-?-*", "claude-3-haiku")).isTrue();
    assertThat(Glob.matches("*", "")).isTrue();
    assertThat(Glob.matches("a*b*c", "axxbyyc")).isTrue();
    assertThat(Glob.matches("a*b*c", "axxbyy")).isFalse();
    assertThat(Glob.matches("llama3.2", "llama3.2")).isTrue();
    assertThat(Glob.matches("llama3.2", "llama3.20")).isFalse();
  }

  @Test
  void templates() {
    String out =
        Template.render(
            "{{model}} says {{ lastUserMessage }} ({{system}}) $1 \\ {{protocol}}",
            Map.of("model", "m", "lastUserMessage", "hi $x", "system", "s", "protocol", "ollama"));
    assertThat(out).isEqualTo("m says hi $x (s) $1 \\ ollama");
  }

  @Test
  void tokensAreFourCharactersRoundedUp() {
    assertThat(Tokens.count("")).isZero();
    assertThat(Tokens.count("a")).isEqualTo(1);
    assertThat(Tokens.count("abcd")).isEqualTo(1);
    assertThat(Tokens.count("abcde")).isEqualTo(2);
    assertThat(Tokens.count("😀😀😀😀")).isEqualTo(1);
    assertThat(Tokens.truncate("abcdefghij", 2)).isEqualTo("abcdefgh");
  }

  @Test
  void streamPiecesAreWordsWithTheirSpaces() {
    var answer = new Answer("1", "m", "one  two\nthree", Answer.Finish.STOP, null, 0, 0);
    assertThat(answer.deltas()).containsExactly("one  ", "two\n", "three");
    assertThat(String.join("", answer.deltas())).isEqualTo(answer.text());
    assertThat(new Answer("1", "m", "", Answer.Finish.STOP, null, 0, 0).deltas()).isEmpty();
  }

  @Test
  void schemaSamples() throws IOException {
    JsonNode schema =
        Json.parse(
            """
            {"type": "object", "$defs": {"tag": {"type": "string", "enum": ["x", "y"]}},
             "properties": {
               "s": {"type": "string"}, "n": {"type": ["number", "null"]},
               "when": {"type": "string", "format": "date"}, "c": {"const": 3},
               "tags": {"type": "array", "items": {"$ref": "#/$defs/tag"}, "minItems": 2},
               "pick": {"anyOf": [{"type": "null"}, {"type": "boolean"}]},
               "free": {"type": "object"}}}""");

    assertThat(Json.write(SchemaSample.of(schema, "hi")))
        .isEqualTo(
            "{\"s\":\"hi\",\"n\":0.0,\"when\":\"1970-01-01\",\"c\":3,\"tags\":[\"x\",\"x\"],"
                + "\"pick\":true,\"free\":{\"echo\":\"hi\"}}");
  }

  @Test
  void aSelfReferencingSchemaEnds() throws IOException {
    JsonNode schema =
        Json.parse(
            """
            {"type": "object", "properties": {"next": {"$ref": "#"}}}""");
    assertThat(Json.write(SchemaSample.of(schema, "x"))).contains("null");
  }

  @Test
  void embeddingsAreDeterministicAndShareWords() {
    float[] a = Embeddings.vector("the red fox", 64);
    float[] b = Embeddings.vector("The red fox!", 64);
    float[] c = Embeddings.vector("red fox jumps", 64);
    float[] d = Embeddings.vector("quantum tax law", 64);

    assertThat(a).containsExactly(b);
    assertThat(dot(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(dot(a, c)).isGreaterThan(dot(a, d));
    assertThat(Embeddings.vector("!!!", 8)).isNotEqualTo(new float[8]);
    assertThat(List.of(Embeddings.base64(new float[] {1f}))).containsExactly("AACAPw==");
  }

  private static double dot(float[] x, float[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }
}
