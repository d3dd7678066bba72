package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushCommandTest {
  @TempDir Path dir;
  private final StubApi api = new StubApi();
  private CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRunner(dir).env("PROMPTOPS_URL", api.url()).env("PROMPTOPS_API_KEY", "po_k");
    Files.writeString(
        dir.resolve("promptops.yaml"), "project: shop\nenvironments: [dev, production]\n");
    Files.createDirectories(dir.resolve("prompts/support"));
    Files.writeString(dir.resolve("prompts/support/reply.prompt"), "Hi {{name}}\n");
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private static String results(boolean created) {
    return "{\"results\":[{\"name\":\"support/reply\",\"version\":2,\"digest\":\"sha256:"
        + "ab".repeat(32)
        + "\",\"created\":"
        + created
        + ",\"summary\":\"\"}]}";
  }

  @Test
  void pushesEveryPromptOnceTheProjectExists() {
    api.on("GET", "/projects/shop", 200, StubApi.project("shop", "dev", "production"));
    api.on("POST", "/projects/shop/prompts", 201, results(true));

    var r = cli.in(dir.resolve("prompts/support"), "push", "--message", "tone");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(api.last("POST").body())
        .isEqualTo(
            "{\"prompts\":[{\"name\":\"support/reply\",\"source\":\"Hi {{name}}\\n\"}],"
                + "\"message\":\"tone\"}");
    assertThat(r.out()).isEqualTo("support/reply: created v2 (sha256:abababababab)\n");
  }

  @Test
  void identicalContentReportsNoNewVersion() {
    api.on("GET", "/projects/shop", 200, StubApi.project("shop", "dev", "production"));
    api.on("POST", "/projects/shop/prompts", 200, results(false));

    var r = cli.run("push");

    assertThat(r.out())
        .isEqualTo(
            "support/reply: unchanged, identical to v2 (sha256:abababababab); no new version\n");
  }

  @Test
  void createsAMissingProjectFromPromptopsYamlFirst() {
    api.on("POST", "/projects", 201, StubApi.project("shop", "dev", "production"));
    api.on("POST", "/projects/shop/prompts", 201, results(true));

    var r = cli.run("push");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(api.requests())
        .extracting(q -> q.method() + " " + q.path())
        .containsExactly(
            "GET /api/v1/projects/shop",
            "POST /api/v1/projects",
            "POST /api/v1/projects/shop/prompts");
    assertThat(api.requests().get(1).body())
        .isEqualTo(
            "{\"name\":\"shop\",\"description\":\"\",\"environments\":[\"dev\",\"production\"]}");
    assertThat(r.out())
        .isEqualTo(
            "created project shop (dev -> production)\n"
                + "support/reply: created v2 (sha256:abababababab)\n");
  }

  @Test
  void aMalformedFileIsReportedBeforeAnythingIsSent() throws Exception {
    Files.writeString(dir.resolve("prompts/broken.prompt"), "---\nmodel: m\nno closing line\n");

    var r = cli.run("push");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "error: prompts/broken.prompt: front matter opened on line 1 with '---' is never closed");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aKeyThatMayNotCreateTheProjectGetsAClearError() {
    api.on(
        "POST",
        "/projects",
        403,
        StubApi.error("forbidden", "key 'ci' is not a server administrator", "use an admin key"));

    var r = cli.run("push");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "error: project 'shop' does not exist on "
                + api.url()
                + ", and creating it needs a server-admin key: key 'ci' is not a server administrator")
        .contains("hint: ask a server admin to run 'promptops sync'");
  }

  @Test
  void syncUpdatesTheEnvironmentChain() {
    api.on("GET", "/projects/shop", 200, StubApi.project("shop", "dev", "staging", "production"));
    api.on("PUT", "/projects/shop/environments", 200, StubApi.project("shop", "dev", "production"));
    api.on("POST", "/projects/shop/prompts", 200, "{\"results\":[]}");

    var r = cli.run("sync");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(api.last("PUT").body()).isEqualTo("{\"environments\":[\"dev\",\"production\"]}");
    assertThat(r.out())
        .isEqualTo(
            "updated project shop: environments dev -> staging -> production  =>  dev -> production\n");
  }

  @Test
  void syncLeavesAMatchingProjectAlone() {
    api.on("GET", "/projects/shop", 200, StubApi.project("shop", "dev", "production"));
    api.on("POST", "/projects/shop/prompts", 200, "{\"results\":[]}");

    var r = cli.run("sync");

    assertThat(r.out()).isEqualTo("project shop is up to date (dev -> production)\n");
    assertThat(api.requests())
        .as("the project is read, its prompts pushed (identical ones make no version)")
        .hasSize(2);
  }

  @Test
  void warningsArePrintedUnderTheirResultWithTheFile() {
    api.on("GET", "/projects/shop", 200, StubApi.project("shop", "dev", "production"));
    api.on(
        "POST",
        "/projects/shop/prompts",
        201,
        "{\"results\":[{\"name\":\"support/reply\",\"version\":2,\"digest\":\"sha256:"
            + "ab".repeat(32)
            + "\",\"created\":true,\"summary\":\"\",\"warnings\":[{\"severity\":\"warning\","
            + "\"code\":\"unused_variable\",\"file\":\"support/reply\",\"line\":0,"
            + "\"column\":0,\"variable\":\"tone\",\"message\":\"variable 'tone' is declared"
            + " in the input schema but never used\",\"hint\":\"use it\"}]}]}");

    var r = cli.run("push");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            support/reply: created v2 (sha256:abababababab)
              prompts/support/reply.prompt: warning: variable 'tone' is declared in the input \
            schema but never used
                hint: use it
            """);
  }

  @Test
  void aRefusedPushPrintsEveryProblemByFileAndExitsTwo() throws Exception {
    Files.writeString(dir.resolve("prompts/_footer.prompt"), "Bye {{#each}}\n");
    api.on("GET", "/projects/shop", 200, StubApi.project("shop", "dev", "production"));
    api.on(
        "POST",
        "/projects/shop/prompts",
        422,
        "{\"error\":{\"code\":\"undeclared_variable\",\"message\":\"m\",\"hint\":\"h\","
            + "\"details\":{\"problems\":["
            + problem("support/reply", 4, 7, "variable 'nmae' is not declared")
            + ","
            + problem("_footer", 1, 5, "bad each")
            + ","
            + problem("other", 2, 1, "elsewhere")
            + "]}}}");

    var r = cli.run("push");
    var json = cli.run("push", "--output", "json");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            """
            prompts/support/reply.prompt:4:7: error: variable 'nmae' is not declared
              hint: fix it
            prompts/_footer.prompt:1:5: error: bad each
              hint: fix it
            other:2:1: error: elsewhere
              hint: fix it
            3 errors, 0 warnings in 3 files
            """);
    assertThat(json.code()).isEqualTo(2);
    assertThat(Json.parse(json.out()).at("/error/details/problems/0/file").asText())
        .isEqualTo("prompts/support/reply.prompt");
  }

  private static String problem(String file, int line, int column, String message) {
    return "{\"severity\":\"error\",\"code\":\"x\",\"file\":\""
        + file
        + "\",\"line\":"
        + line
        + ",\"column\":"
        + column
        + ",\"variable\":null,\"message\":\""
        + message
        + "\",\"hint\":\"fix it\"}";
  }
}
