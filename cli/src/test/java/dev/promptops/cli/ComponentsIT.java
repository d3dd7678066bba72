package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Components through the command line against a real server: a prompt and its {@code _footer}
 * component are pushed and deployed; a new footer changes nothing deployed until the prompt is
 * pushed again (a new version) and deployed; impact says so beforehand; local and server rendering
 * agree; lint and push report problems by file, line and column.
 */
class ComponentsIT {
  static final String REPLY =
      """
      ---
      model: openai/gpt-4o-mini
      input:
        schema:
          customer: string
          question: string
      ---
      {{role "system"}}
      You help the customers of our shop.
      {{> footer}}
      {{role "user"}}
      {{customer}} asks: {{question}}
      """;
  static final String VARS = "{\"customer\":\"Ann\",\"question\":\"Where is my parcel?\"}";

  @TempDir static Path data;
  @TempDir Path work;
  private static RunningServer server;
  private CliRunner cli;

  @BeforeAll
  static void start() {
    server = new RunningServer(data);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void project(org.junit.jupiter.api.TestInfo test) throws Exception {
    String name = "c" + Integer.toHexString(test.getDisplayName().hashCode()).replace("-", "");
    cli =
        new CliRunner(work)
            .env("PROMPTOPS_URL", server.url())
            .env("PROMPTOPS_API_KEY", RunningServer.ADMIN_KEY);
    write("promptops.yaml", "project: " + name + "\n");
    write("prompts/support/reply.prompt", REPLY);
    write("prompts/_footer.prompt", "Kind regards, the shop\n");
  }

  private void write(String path, String text) throws Exception {
    Path p = work.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static CliRunner.Result ok(CliRunner.Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  @Test
  void aNewComponentVersionIsAdoptedOnlyByPushingAndDeployingThePromptAgain() throws Exception {
    assertThat(ok(cli.run("push")).out())
        .contains("_footer: created v1 (sha256:", "support/reply: created v1 (sha256:");
    ok(cli.run("deploy", "support/reply@1", "--env", "production"));
    assertThat(ok(cli.run("render", "support/reply", "--vars", VARS)).out())
        .contains("Kind regards, the shop\n");

    write("prompts/_footer.prompt", "Cheers, the shop team\n");
    assertThat(ok(cli.run("push", "prompts/_footer.prompt")).out())
        .startsWith("_footer: created v2 (sha256:")
        .doesNotContain("support/reply");

    var impact = ok(cli.run("impact", "footer"));
    assertThat(impact.out())
        .startsWith("component _footer: newest v2\n")
        .contains("PROMPT         VERSION  PINS  RUNS IN     LATEST  ADOPTING v2")
        .contains("support/reply  v1       v1    production  yes     changes")
        .contains("_footer v1 -> v2:", "-Kind regards, the shop", "+Cheers, the shop team")
        .contains("push the prompts again (promptops push)");

    assertThat(ok(cli.run("render", "support/reply", "--vars", VARS)).out())
        .contains("Kind regards, the shop\n")
        .doesNotContain("Cheers");

    assertThat(ok(cli.run("push")).out())
        .contains("_footer: unchanged, identical to v2", "support/reply: created v2 (sha256:");
    assertThat(ok(cli.run("render", "support/reply", "--vars", VARS)).out())
        .contains("Kind regards, the shop\n");
    ok(cli.run("deploy", "support/reply@2", "--env", "production"));
    assertThat(ok(cli.run("render", "support/reply:production", "--vars", VARS)).out())
        .contains("Cheers, the shop team\n")
        .doesNotContain("Kind regards");

    assertThat(ok(cli.run("impact", "_footer")).out())
        .contains("support/reply  v2       v2    production  yes     no change")
        .contains("Every version listed already pins v2.");
    assertThat(ok(cli.run("impact", "footer@1", "--all")).out())
        .contains("support/reply  v1       v1    -           no      no change")
        .contains("support/reply  v2       v2    production  yes     changes")
        .contains("_footer v2 -> v1:");
  }

  @Test
  void localAndServerRenderingGiveTheSameMessages() throws Exception {
    write(
        "prompts/rich.prompt",
        """
        ---
        input:
          schema:
            name: string
            items(array): string
          default:
            items: [tea]
        ---
        {{role "system"}}
        Hello {{name}} from {{@state.shop}}.
        {{#each items}}- {{this}}
        {{/each}}
        {{media url="https://x.test/a.png"}}
        {{> footer}}
        {{history}}
        {{role "user"}}
        Thanks.
        """);
    ok(cli.run("push"));
    String data =
        "{\"context\":{\"state\":{\"shop\":\"Acme\"}},"
            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"earlier\"}]}]}";

    for (String[] files :
        new String[][] {
          {"prompts/rich.prompt", "rich@1"}, {"prompts/support/reply.prompt", "support/reply@1"}
        }) {
      String vars = files[0].contains("rich") ? "{\"name\":\"Ann\"}" : VARS;
      var local =
          ok(cli.run("render", files[0], "--data", data, "--vars", vars, "--output", "json"));
      var remote =
          ok(cli.run("render", files[1], "--data", data, "--vars", vars, "--output", "json"));
      JsonNode l = Json.parse(local.out());
      JsonNode r = Json.parse(remote.out());
      assertThat(l.get("messages")).isEqualTo(r.get("messages"));
      assertThat(l.get("metadata")).isEqualTo(r.get("metadata"));
      assertThat(r.get("version").asInt()).isEqualTo(1);
      var localText = ok(cli.run("render", files[0], "--data", data, "--vars", vars));
      var remoteText = ok(cli.run("render", files[1], "--data", data, "--vars", vars));
      assertThat(localText.out()).isEqualTo(remoteText.out());
    }
  }

  @Test
  void lintAndPushReportProblemsByFileLineAndColumn() throws Exception {
    assertThat(ok(cli.run("lint")).out()).isEqualTo("0 errors, 0 warnings in 2 files\n");

    write("prompts/support/reply.prompt", REPLY.replace("{{> footer}}", "{{> fotter}}"));
    var lint = cli.run("lint");
    assertThat(lint.code()).as(lint.toString()).isEqualTo(1);
    assertThat(lint.out())
        .startsWith("prompts/support/reply.prompt:10:1: error: unknown partial 'fotter'\n")
        .endsWith("1 error, 0 warnings in 2 files\n");

    var push = cli.run("push");
    assertThat(push.code()).as(push.toString()).isEqualTo(2);
    assertThat(push.err())
        .startsWith(
            "prompts/support/reply.prompt:10:1: error: unknown partial 'fotter': no component"
                + " _fotter is registered or pushed with it\n")
        .contains("  hint: add prompts/_fotter.prompt and push it with this prompt\n")
        .endsWith("1 error, 0 warnings in 1 file\n");

    write("prompts/support/reply.prompt", REPLY.replace("{{question}}", "{{question}} {{tone}}"));
    var undeclared = cli.run("push", "--output", "json");
    assertThat(undeclared.code()).isEqualTo(2);
    JsonNode problem = Json.parse(undeclared.out()).at("/error/details/problems/0");
    assertThat(problem.get("file").asText()).isEqualTo("prompts/support/reply.prompt");
    assertThat(problem.get("line").asInt()).isEqualTo(12);
    assertThat(problem.get("column").asInt()).isEqualTo(33);
    assertThat(problem.get("variable").asText()).isEqualTo("tone");

    write(
        "prompts/support/reply.prompt",
        REPLY.replace("question: string", "question: string\n    tone?: string"));
    assertThat(ok(cli.run("push")).out())
        .contains(
            "support/reply: created v1 (sha256:",
            "  prompts/support/reply.prompt: warning: variable 'tone' is declared in the input"
                + " schema but never used\n");
    var missing = cli.run("render", "support/reply@1", "--vars", "{\"customer\":\"Ann\"}");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .startsWith("support/reply@1:13:20: error: missing required variable 'question'\n");
  }
}
