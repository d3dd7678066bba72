package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code promptops lint}: local, no server; problems as compilers print them; exit codes. */
class LintCommandTest {
  static final String REPLY =
      """
      ---
      model: m
      input:
        schema:
          customer: string
          order_id?: string
      ---
      {{role "system"}}
      Help {{customer}} with order {{order_id}}.
      {{> support/footer}}
      """;

  @TempDir Path dir;
  private CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRunner(dir);
    write("promptops.yaml", "project: shop\n");
    write("prompts/support/reply.prompt", REPLY);
    write("prompts/support/_footer.prompt", "Kind regards\n");
    write("prompts/hello.prompt", "Hello {{name}}\n");
  }

  private void write(String path, String text) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void cleanFilesPassWithASummary() {
    var r = cli.run("lint");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("0 errors, 0 warnings in 3 files\n");
  }

  @Test
  void anUndeclaredVariableIsAnErrorAtItsPositionWithAHint() throws Exception {
    write("prompts/support/reply.prompt", REPLY.replace("Help {{customer}}", "Help {{custmer}}"));

    var r = cli.run("lint");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            """
            prompts/support/reply.prompt: warning: variable 'customer' is declared in the \
            input schema but never used
              hint: use it in the template, or remove it from the schema
            prompts/support/reply.prompt:9:6: error: variable 'custmer' is not declared in the \
            input schema; did you mean 'customer'?
              hint: declared: customer, order_id; declare it or fix the name
            1 error, 1 warning in 3 files
            """);
  }

  @Test
  void warningsAloneExitZero() throws Exception {
    write(
        "prompts/support/reply.prompt",
        REPLY.replace("order_id?: string", "order_id?: string\n    tone?: string"));

    var r = cli.run("lint");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("prompts/support/reply.prompt: warning: variable 'tone' is declared")
        .endsWith("0 errors, 1 warning in 3 files\n");
  }

  @Test
  void anUnknownPartialNamesTheIncludeAndTheFileItNeeds() throws Exception {
    Files.delete(dir.resolve("prompts/support/_footer.prompt"));

    var r = cli.run("lint", "prompts/support/reply.prompt");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .startsWith(
            "prompts/support/reply.prompt:10:1: error: unknown partial 'support/footer'\n"
                + "  hint: add the component")
        .endsWith("1 error, 0 warnings in 1 file\n");
  }

  @Test
  void problemsInsideAComponentNameTheComponentFileOnce() throws Exception {
    write("prompts/support/_footer.prompt", "---\nx: 1\n---\nBye {{#each}}\n");

    var r = cli.run("lint");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out().lines().filter(l -> l.contains(": error: ")).toList())
        .singleElement()
        .asString()
        .startsWith("prompts/support/_footer.prompt:4:");
    assertThat(r.out()).doesNotContain("_support/footer", "_footer:");
  }

  @Test
  void malformedFrontMatterIsAnErrorOfThatFile() throws Exception {
    write("prompts/broken.prompt", "---\nmodel: [x\n---\nHi\n");

    var r = cli.run("lint");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "prompts/broken.prompt:2:10: error: front matter is not valid YAML at line 2, column"
                + " 10: while parsing a flow sequence; expected ',' or ']', but got <stream end>\n")
        .contains("  hint: fix the YAML between the '---' lines")
        .endsWith("1 error, 0 warnings in 4 files\n");
  }

  @Test
  void aComponentWithBrokenFrontMatterIsReportedWhenOnlyItsIncluderIsLinted() throws Exception {
    write("prompts/support/_footer.prompt", "---\nnot closed\n");

    var r = cli.run("lint", "prompts/support/reply.prompt");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains("prompts/support/_footer.prompt:1: error: front matter opened on line 1")
        .contains("prompts/support/reply.prompt:10:1: error: unknown partial 'support/footer'");
  }

  @Test
  void jsonListsFilesCountsAndProblems() throws Exception {
    write("prompts/support/reply.prompt", REPLY.replace("{{order_id}}", "{{ordr_id}}"));

    var r = cli.run("lint", "--output", "json");

    assertThat(r.code()).isEqualTo(1);
    var json = Json.parse(r.out());
    assertThat(json.get("files").asInt()).isEqualTo(3);
    assertThat(json.get("errors").asInt()).isEqualTo(1);
    assertThat(json.get("warnings").asInt()).isEqualTo(1);
    var error = json.at("/problems/1");
    assertThat(error.get("severity").asText()).isEqualTo("error");
    assertThat(error.get("code").asText()).isEqualTo("undeclared_variable");
    assertThat(error.get("file").asText()).isEqualTo("prompts/support/reply.prompt");
    assertThat(error.get("line").asInt()).isEqualTo(9);
    assertThat(error.get("column").asInt()).isEqualTo(30);
    assertThat(error.get("variable").asText()).isEqualTo("ordr_id");
  }

  @Test
  void aFolderOutsideAProjectResolvesPartialsFromItself() throws Exception {
    Path loose = Files.createDirectories(dir.resolve("loose"));
    Files.writeString(loose.resolve("mail.prompt"), "Hi\n{{> sig}}\n");
    Files.writeString(loose.resolve("_sig.prompt"), "Bye\n");
    var outside = new CliRunner(loose);

    var r = outside.in(loose, "lint", ".");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("0 errors, 0 warnings in 2 files\n");
  }

  @Test
  void noPromptsIsAUsageError() throws Exception {
    var r = cli.run("lint", "nothing-here");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("error: no such file or folder: nothing-here");
  }
}
