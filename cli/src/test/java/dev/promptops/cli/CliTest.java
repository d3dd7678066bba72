package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments, usage errors and exit codes: everything decided before or without a server. */
class CliTest {
  @TempDir Path dir;
  private CliRunner cli;
  private String closedUrl;

  @BeforeEach
  void setUp() throws Exception {
    try (var socket = new ServerSocket(0)) {
      closedUrl = "http://127.0.0.1:" + socket.getLocalPort();
    }
    cli = new CliRunner(dir).env("PROMPTOPS_URL", closedUrl).env("PROMPTOPS_PROJECT", "shop");
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    var r = cli.run("--help");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("push", "deploy", "promote", "rollback", "audit", "keys")
        .contains("lint", "render", "impact")
        .contains("Exit codes:", "3   server or network error");
  }

  @Test
  void noCommandIsAUsageError() {
    var r = cli.run();

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Usage: promptops");
  }

  @Test
  void anUnknownOptionIsAUsageErrorWithAHint() {
    var r = cli.run("ls", "--colour");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("error: Unknown option: '--colour'")
        .contains("hint: see 'promptops ls --help'");
  }

  @Test
  void deployNeedsAnEnvironmentOrALabel() {
    var r = cli.run("deploy", "hello@1");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("error: Missing required argument").contains("--env=ENV");
  }

  @Test
  void deployTakesEitherAnEnvironmentOrALabelNotBoth() {
    var r = cli.run("deploy", "hello@1", "--env", "staging", "--label", "canary");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("mutually exclusive");
  }

  @Test
  void deployNeedsAnExactVersion() {
    var r = cli.run("deploy", "support/reply:staging", "--env", "production");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("error: deploy needs an exact version, not 'support/reply:staging'")
        .contains("hint: write NAME@VERSION, e.g. support/reply@3");
  }

  @Test
  void aMalformedRefIsAUsageErrorNamingIt() {
    var r = cli.run("show", "hello@two");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("error: not a prompt reference: 'hello@two'")
        .contains("hint: write name, name:ENV");
  }

  @Test
  void aRefWithBothVersionAndEnvironmentIsRefused() {
    var r = cli.run("diff", "hello@1", "hello@2:staging");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("names both a version and an environment");
  }

  @Test
  void anInvalidPromptNameIsRefusedBeforeAnyRequest() {
    var r = cli.run("history", "support/bad name");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not a valid prompt name: 'support/bad name'");
  }

  @Test
  void aBadOutputFormatFailsBeforeAnyRequest() {
    var r = cli.run("ls", "--output", "yaml");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("expected text or json, not 'yaml'");
  }

  @Test
  void aBadExpectIsAUsageError() {
    var r = cli.run("rollback", "hello", "--env", "production", "--expect", "latest");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--expect takes a version number or 'none', not 'latest'");
  }

  @Test
  void aBadRoleIsAUsageError() {
    assertThat(cli.run("keys", "create", "ci", "--role", "shop").err())
        .contains("--role takes PROJECT=ROLE, not 'shop'");
    assertThat(cli.run("keys", "create", "ci", "--role", "shop=owner").err())
        .contains("not a role: 'owner'");
  }

  @Test
  void aBadTimeIsAUsageError() {
    var r = cli.run("audit", "log", "--since", "yesterday");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--since takes a time, not 'yesterday'");
  }

  @Test
  void aServerThatIsNotRunningExitsThreeWithAHint() {
    var r = cli.run("ls");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err())
        .isEqualTo(
            "error: cannot reach the PromptOps server at "
                + closedUrl
                + ": connection refused\n"
                + "hint: start it with ./promptops server, or pass --server\n");
  }

  @Test
  void theServerOptionWinsOverTheEnvironment() {
    var r = cli.run("whoami", "--server", "http://127.0.0.1:1");

    assertThat(r.err()).contains("http://127.0.0.1:1");
  }

  @Test
  void aServerUrlThatIsNotOneIsAUsageError() {
    var r = cli.run("whoami", "--server", "localhost:7070");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not a server URL: 'localhost:7070'");
  }

  @Test
  void withJsonOutputTheErrorIsPrintedAsJsonToo() {
    var r = cli.run("ls", "--output", "json");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).contains("\"code\" : \"server_unreachable\"");
    assertThat(r.err()).startsWith("error: cannot reach");
  }

  @Test
  void withoutAnyProjectTheErrorSaysHowToGiveOne() {
    var r = new CliRunner(dir).env("PROMPTOPS_URL", closedUrl).run("ls");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("error: no project given, and no promptops.yaml found above")
        .contains("hint: pass --project NAME, set PROMPTOPS_PROJECT");
  }

  @Test
  void anInvalidProjectNameIsAUsageError() {
    var r = cli.run("ls", "--project", "Shop!");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not a valid project name: 'Shop!'");
  }

  @Test
  void versionPrintsTheProgramName() {
    var r = cli.run("--version");

    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("promptops ");
  }
}
