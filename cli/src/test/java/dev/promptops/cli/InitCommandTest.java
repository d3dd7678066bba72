package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.prompt.PromptFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InitCommandTest {
  @TempDir Path dir;

  @Test
  void scaffoldsAProjectWhosePromptsParseAndPush() throws Exception {
    var r = new CliRunner(dir).run("init", "Support Bot");

    assertThat(r.code()).as(r.toString()).isZero();
    Path root = dir.resolve("Support Bot");
    assertThat(r.out())
        .contains("created Support Bot/promptops.yaml")
        .contains("created Support Bot/prompts/support/reply.prompt");
    ProjectFile file = ProjectFile.read(root.resolve("promptops.yaml"));
    assertThat(file.project()).isEqualTo("support-bot");
    assertThat(file.environments()).containsExactly("dev", "staging", "production");
    assertThat(Files.readString(root.resolve("evals/README.md"))).contains("Eval suites go");
    var hello = PromptFile.parse(Files.readString(root.resolve("prompts/hello.prompt")), "hello");
    assertThat(hello.frontMatter().path("model").asText()).isEqualTo("openai/gpt-4o-mini");
    assertThat(hello.frontMatter().path("input").path("schema").has("name")).isTrue();
    assertThat(hello.template()).contains("{{name}}");
    var reply =
        PromptFile.parse(Files.readString(root.resolve("prompts/support/reply.prompt")), "reply");
    assertThat(reply.frontMatter().path("promptops.owner").asText()).isEqualTo("support-team");
    assertThat(reply.template()).contains("{{role \"system\"}}", "{{#if order_id}}");
    assertThat(reply.template()).contains("{{> signature}}");
    assertThat(root.resolve("prompts/_signature.prompt")).exists();
    var sources =
        new PromptSources(new Context(root, java.util.Map.of(), null, null), file.promptsDir());
    assertThat(sources.collect(java.util.List.of()))
        .extracting(PromptSources.Source::name)
        .containsExactly("_signature", "hello", "support/reply");
  }

  @Test
  void theScaffoldLintsCleanAndRendersWithItsComponent() {
    var cli = new CliRunner(dir);
    cli.run("init", "--project", "shop");

    var lint = cli.run("lint");
    var render =
        cli.run(
            "render",
            "prompts/support/reply.prompt",
            "--vars",
            "{\"customer\":\"Ann\",\"message\":\"Where is my parcel?\"}");

    assertThat(lint.code()).as(lint.toString()).isZero();
    assertThat(lint.out()).isEqualTo("0 errors, 0 warnings in 3 files\n");
    assertThat(render.code()).as(render.toString()).isZero();
    assertThat(render.out())
        .startsWith("[system]\nYou are a support agent")
        .contains("Kind regards,\nThe support team\n\n[user]\nAnn writes:");
  }

  @Test
  void takesTheProjectNameFromTheOption() throws Exception {
    var r = new CliRunner(dir).run("init", "--project", "shop");

    assertThat(r.code()).isZero();
    assertThat(ProjectFile.read(dir.resolve("promptops.yaml")).project()).isEqualTo("shop");
  }

  @Test
  void refusesToOverwriteAndWritesNothing() throws Exception {
    Files.createDirectories(dir.resolve("prompts"));
    Files.writeString(dir.resolve("prompts/hello.prompt"), "mine");

    var r = new CliRunner(dir).run("init");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("already has prompts/hello.prompt; init overwrites nothing")
        .contains("hint: run init in a new or empty folder");
    assertThat(Files.readString(dir.resolve("prompts/hello.prompt"))).isEqualTo("mine");
    assertThat(dir.resolve("promptops.yaml")).doesNotExist();
  }

  @Test
  void refusesAnInvalidProjectName() {
    var r = new CliRunner(dir).run("init", "--project", "Not Valid");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not a valid project name: 'Not Valid'");
    assertThat(dir.resolve("promptops.yaml")).doesNotExist();
  }

  @ParameterizedTest
  @CsvSource({
    "shop, shop",
    "My Prompts, my-prompts",
    "__x.y__, x-y__",
    "---, my-prompts",
    "Ünïcode, n-code"
  })
  void makesAValidProjectNameFromTheFolderName(String folder, String project) {
    assertThat(Scaffold.projectName(dir.resolve(folder))).isEqualTo(project);
  }
}
