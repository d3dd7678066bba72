package dev.promptops.core.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteDigestTest {
  static final String SUITE =
      """
      description: d
      prompts: [p.prompt, support/reply:production]
      providers:
        - id: openai/gpt-4o
          label: g
          apiKeyEnv: KEY
          config: {temperature: 0, maxOutputTokens: 10}
      defaults: {vars: {shop: Acme, lang: en}, threshold: 0.5}
      cases:
        - {description: one, vars: {a: 1, b: 2}, assert: [{type: contains, value: x, weight: 2}]}
        - file: c.csv
      gate: {minPassRate: 0.9, maxErrors: 1}
      concurrency: 4
      """;
  static final String REORDERED =
      """
      concurrency: 4
      gate: {maxErrors: 1, minPassRate: 0.90}
      cases:
        - {assert: [{weight: 2.0, value: x, type: contains}], vars: {b: 2, a: 1}, description: one}
        - file: c.csv
      defaults: {threshold: 0.50, vars: {lang: en, shop: Acme}}
      providers:
        - config: {maxOutputTokens: 10, temperature: 0.0}
          label: g
          apiKeyEnv: KEY
          id: openai/gpt-4o
      prompts: [p.prompt, support/reply:production]
      description: d
      """;

  @TempDir Path dir;

  String digest(Path base, String yaml, String csv, Map<String, String> env) {
    Fixtures.write(base, "p.prompt", "Hi");
    Fixtures.write(base, "c.csv", csv);
    Path suite = Fixtures.write(base, "s.yaml", yaml);
    return SuiteFile.read(suite, env).suite().digest();
  }

  String digest(String yaml, String csv) {
    return digest(dir, yaml, csv, Map.of("KEY", "k1"));
  }

  static final String CSV = "q,__expected\nhello,contains: hi\n";

  @Test
  void reorderingKeysAndRespellingNumbersChangesNothing() {
    assertThat(digest(REORDERED, CSV)).isEqualTo(digest(SUITE, CSV));
  }

  @Test
  void aChangeToACaseFileChangesTheDigest() {
    String before = digest(SUITE, CSV);

    assertThat(digest(SUITE, CSV.replace("hello", "hallo"))).isNotEqualTo(before);
    assertThat(digest(SUITE, CSV)).isEqualTo(before);
  }

  @Test
  void aChangeToWhatRunsChangesTheDigest() {
    String before = digest(SUITE, CSV);

    assertThat(digest(SUITE.replace("weight: 2", "weight: 3"), CSV)).isNotEqualTo(before);
    assertThat(digest(SUITE.replace("shop: Acme", "shop: Acne"), CSV)).isNotEqualTo(before);
    assertThat(digest(SUITE.replace("temperature: 0", "temperature: 1"), CSV)).isNotEqualTo(before);
    assertThat(digest(SUITE.replace("minPassRate: 0.9", "minPassRate: 0.8"), CSV))
        .isNotEqualTo(before);
    assertThat(digest(SUITE + "repeat: 2\n", CSV)).isNotEqualTo(before);
    assertThat(digest(SUITE.replace(":production", ":staging"), CSV)).isNotEqualTo(before);
  }

  @Test
  void keysConcurrencyAndTheFolderDoNotCount() throws Exception {
    String before = digest(SUITE, CSV);

    assertThat(digest(dir, SUITE, CSV, Map.of("KEY", "another-key"))).isEqualTo(before);
    assertThat(digest(SUITE.replace("concurrency: 4", "concurrency: 8"), CSV)).isEqualTo(before);
    assertThat(
            digest(
                Files.createDirectories(dir.resolve("elsewhere/deeper")),
                SUITE,
                CSV,
                Map.of("KEY", "k")))
        .isEqualTo(before);
  }

  @Test
  void promptfooVariableFilesCount() {
    Fixtures.write(dir, "t.csv", "doc\nfile://doc.txt\n");
    Path config =
        Fixtures.write(
            dir,
            "promptfooconfig.yaml",
            "prompts: ['{{doc}} {{x}}']\nproviders: [openai:gpt-4o-mini]\n"
                + "tests: [{vars: {x: file://x.txt}}, file://t.csv]\n");
    Fixtures.write(dir, "doc.txt", "one");
    Fixtures.write(dir, "x.txt", "one");
    String before = PromptfooConfig.read(config, Map.of()).suite().digest();

    Fixtures.write(dir, "doc.txt", "two");
    String docChanged = PromptfooConfig.read(config, Map.of()).suite().digest();
    Fixtures.write(dir, "x.txt", "two");
    String xChanged = PromptfooConfig.read(config, Map.of()).suite().digest();

    assertThat(docChanged).isNotEqualTo(before);
    assertThat(xChanged).isNotEqualTo(docChanged);
  }
}
