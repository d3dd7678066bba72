package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

    var r = cli.run("sync");

    assertThat(r.out()).isEqualTo("project shop is up to date (dev -> production)\n");
    assertThat(api.requests()).hasSize(1);
  }
}
