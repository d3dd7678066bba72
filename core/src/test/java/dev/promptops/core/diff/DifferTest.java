package dev.promptops.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.prompt.PromptDigest;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.registry.PromptVersion;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DifferTest {

  private static PromptVersion version(int n, String source) {
    PromptFile file = PromptFile.parse(source, "greet");
    return new PromptVersion(
        "shop",
        "greet",
        n,
        PromptDigest.of(file, List.of()),
        file.frontMatter(),
        file.template(),
        source,
        List.of(),
        "",
        Instant.EPOCH,
        "test");
  }

  @Test
  void templateAsUnifiedDiffAndFrontMatterFieldByField() {
    var a =
        version(
            1,
            "---\nmodel: m1\nconfig: {temperature: 0.2}\ninput: {schema: {name: string}}\n---\n"
                + "Hello {{name}}\nBye\n");
    var b =
        version(
            2,
            "---\nmodel: m1\nconfig: {temperature: 0.7, topK: 3}\n"
                + "input: {schema: {name: string, age: integer}}\n---\nHi {{name}}\nBye\n");
    VersionDiff d = Differ.diff(a, b);

    assertThat(d.from()).isEqualTo("greet@1");
    assertThat(d.identical()).isFalse();
    assertThat(d.template())
        .isEqualTo(
            "--- greet@1\n+++ greet@2\n@@ -1,2 +1,2 @@\n-Hello {{name}}\n+Hi {{name}}\n Bye\n");
    assertThat(d.frontMatter())
        .extracting(FieldChange::path, FieldChange::change, FieldChange::schema)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/config/temperature", "changed", false),
            org.assertj.core.groups.Tuple.tuple("/config/topK", "added", false),
            org.assertj.core.groups.Tuple.tuple("/input/schema/age", "added", true));
    assertThat(d.frontMatter().getFirst().from().asText()).isEqualTo("0.2");
    assertThat(d.frontMatter().getFirst().to().asText()).isEqualTo("0.7");
  }

  @Test
  void identicalVersionsHaveNoChanges() {
    var a = version(1, "---\nconfig: {temperature: 0.70}\n---\nx\n");
    var b = version(2, "---\nconfig: {temperature: 0.7}\n---\nx\n");
    VersionDiff d = Differ.diff(a, b);
    assertThat(d.identical()).isTrue();
    assertThat(d.template()).isEmpty();
    assertThat(d.frontMatter()).isEmpty();
  }

  @Test
  void removedFieldsAndMissingFinalNewline() {
    var a = version(1, "---\nmodel: m1\nname: greet\n---\nx\n");
    var b = version(2, "---\nmodel: m1\n---\nx");
    var withNewline = version(3, "x\n");
    var withoutNewline = version(4, "x");
    VersionDiff d = Differ.diff(a, b);
    assertThat(d.frontMatter())
        .singleElement()
        .satisfies(c -> assertThat(c.path()).isEqualTo("/name"))
        .satisfies(c -> assertThat(c.change()).isEqualTo("removed"));
    assertThat(d.template()).isEmpty();
    assertThat(Differ.diff(withNewline, withoutNewline).template()).contains("does not");
  }

  @Test
  void keysWithSlashesAreEscapedInPointers() {
    var a = version(1, "---\n\"a/b\": 1\n---\nx");
    var b = version(2, "---\n\"a/b\": 2\n---\nx");
    assertThat(Differ.diff(a, b).frontMatter().getFirst().path()).isEqualTo("/a~1b");
  }
}
