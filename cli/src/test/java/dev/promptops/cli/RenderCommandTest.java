package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code promptops render}: files locally with local components, refs on the server. */
class RenderCommandTest {
  static final String REPLY =
      """
      ---
      model: openai/gpt-4o-mini
      input:
        schema:
          customer: string
          message: string
      ---
      {{role "system"}}
      You help customers.
      {{> signature}}
      {{role "user"}}
      {{customer}} writes: {{message}}
      """;

  @TempDir Path dir;
  private final StubApi api = new StubApi();
  private CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRunner(dir).env("PROMPTOPS_URL", api.url()).env("PROMPTOPS_API_KEY", "po_k");
    write("promptops.yaml", "project: shop\n");
    write("prompts/support/reply.prompt", REPLY);
    write("prompts/_signature.prompt", "---\ndescription: sign off\n---\nKind regards, the team\n");
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private void write(String path, String text) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void aFileRendersLocallyWithItsComponentsOneBlockPerMessage() {
    var r =
        cli.run(
            "render",
            "prompts/support/reply.prompt",
            "--vars",
            "{\"customer\":\"Ann\",\"message\":\"Where is my parcel?\"}");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            [system]
            You help customers.
            Kind regards, the team

            [user]
            Ann writes: Where is my parcel?
            """);
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void varsFromAFileReplaceTheInputOfData() throws Exception {
    write("vars.json", "{\"customer\":\"Bo\",\"message\":\"Hi\"}");
    write("data.json", "{\"input\":{\"customer\":\"Ann\"},\"context\":{\"state\":{}}}");

    var r =
        cli.run(
            "render",
            "prompts/support/reply.prompt",
            "--data",
            "@data.json",
            "--vars",
            "@vars.json",
            "--output",
            "json");

    assertThat(r.code()).as(r.toString()).isZero();
    var json = Json.parse(r.out());
    assertThat(json.at("/messages/1/content/0/text").asText()).isEqualTo("\nBo writes: Hi");
    assertThat(json.at("/metadata/model").asText()).isEqualTo("openai/gpt-4o-mini");
    assertThat(json.has("version")).isFalse();
  }

  @Test
  void aMissingVariableIsReportedWithItsPositionAndExitsTwo() {
    var r = cli.run("render", "prompts/support/reply.prompt", "--vars", "{\"customer\":\"Ann\"}");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "prompts/support/reply.prompt:12:22: error: missing required variable 'message'\n"
                + "  hint: the input schema declares message: {\"type\":\"string\"}\n")
        .endsWith("1 error, 0 warnings in 1 file\n");
  }

  @Test
  void aMissingComponentFileIsReportedOnTheInclude() throws Exception {
    Files.delete(dir.resolve("prompts/_signature.prompt"));

    var r = cli.run("render", "prompts/support/reply.prompt", "--vars", "{}");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("prompts/support/reply.prompt:10:1: error: unknown partial 'signature'");
  }

  @Test
  void mediaAndSectionsPrintAsMarkers() throws Exception {
    write(
        "pic.prompt",
        "Look:\n{{media url=\"https://x.test/a.png\" contentType=\"image/png\"}}\n"
            + "{{section \"notes\"}}after{{history}}");

    var r =
        cli.run(
            "render",
            "pic.prompt",
            "--data",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"earlier\"}]}]}");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            [user]
            Look:
            <media https://x.test/a.png image/png>
            <section notes>
            after

            [user] (history)
            earlier
            """);
  }

  @Test
  void badVarsAreAUsageErrorNamingTheOption() {
    var r = cli.run("render", "prompts/support/reply.prompt", "--vars", "{customer}");
    var list = cli.run("render", "prompts/support/reply.prompt", "--vars", "[1]");
    var missing = cli.run("render", "nope.prompt");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: --vars is not valid JSON (line 1, column 2)");
    assertThat(list.err())
        .startsWith("error: --vars must be a JSON object of variables, not array");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("error: no such file: nope.prompt");
  }

  @Test
  void aRefRendersOnTheServer() {
    api.on(
        "POST",
        "/projects/shop/prompts/support/reply/-/render?version=2",
        200,
        "{\"name\":\"support/reply\",\"version\":2,\"digest\":\"sha256:ab\","
            + "\"resolvedVia\":\"version\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "[{\"text\":\"Hi Ann\"}]}],\"metadata\":{\"model\":\"m\"}}");

    var r = cli.run("render", "support/reply@2", "--vars", "{\"customer\":\"Ann\"}");
    var json =
        cli.run(
            "render", "support/reply@2", "--vars", "{\"customer\":\"Ann\"}", "--output", "json");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(api.last("POST").body())
        .isEqualTo("{\"input\":{\"customer\":\"Ann\"},\"context\":{}}");
    assertThat(r.out()).isEqualTo("[user]\nHi Ann\n");
    assertThat(json.out())
        .contains("\"name\" : \"support/reply\"", "\"version\" : 2", "\"digest\" : \"sha256:ab\"");
  }

  @Test
  void aServerSideProblemIsPrintedProblemByProblem() {
    api.on(
        "POST",
        "/projects/shop/prompts/support/reply/-/render",
        422,
        "{\"error\":{\"code\":\"missing_variable\",\"message\":\"m\",\"hint\":\"h\",\"details\":"
            + "{\"problems\":[{\"severity\":\"error\",\"code\":\"missing_variable\","
            + "\"file\":\"support/reply@3\",\"line\":12,\"column\":24,\"variable\":\"message\","
            + "\"message\":\"missing required variable 'message'\",\"hint\":\"pass it\"}]}}}");

    var r = cli.run("render", "support/reply");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "support/reply@3:12:24: error: missing required variable 'message'\n"
                + "  hint: pass it\n"
                + "1 error, 0 warnings in 1 file\n");
  }
}
