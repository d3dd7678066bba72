package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference workflow, driven through the command line exactly as a user types it, against a
 * real server: init, push, deploy, promote, edit and push again, rollback, history, diff, audit.
 */
class WorkflowIT {
  @TempDir static Path data;
  @TempDir Path work;

  private static RunningServer server;

  @BeforeAll
  static void start() {
    server = new RunningServer(data);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private CliRunner cli() {
    return new CliRunner(work)
        .env("PROMPTOPS_URL", server.url())
        .env("PROMPTOPS_API_KEY", RunningServer.ADMIN_KEY);
  }

  private static CliRunner.Result ok(CliRunner.Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  @Test
  void fromInitToAuditVerify() throws Exception {
    var cli = cli();
    ok(cli.run("init", "demo"));
    Path demo = work.resolve("demo");

    var push = ok(cli.in(demo, "push", "--message", "first"));
    assertThat(push.out())
        .startsWith("created project demo (dev -> staging -> production)\n")
        .contains("hello: created v1 (sha256:", "support/reply: created v1 (sha256:");

    var again = ok(cli.in(demo, "push"));
    assertThat(again.out())
        .contains("hello: unchanged, identical to v1 (sha256:")
        .contains("; no new version");

    assertThat(ok(cli.in(demo, "deploy", "hello@1", "--env", "staging", "--reason", "try")).out())
        .startsWith("deployed hello@1 to staging (was nothing; deployment #");
    assertThat(
            ok(cli.in(demo, "promote", "hello", "--from", "staging", "--to", "production")).out())
        .startsWith("promoted hello@1 to production (was nothing; deployment #");

    Path hello = demo.resolve("prompts/hello.prompt");
    Files.writeString(
        hello,
        Files.readString(hello)
            .replace("temperature: 0.7", "temperature: 0.3")
            .replace("one short and friendly sentence", "one short, warm sentence"));
    var push2 = ok(cli.in(demo, "push", "--message", "warmer"));
    assertThat(push2.out()).contains("hello: created v2", "support/reply: unchanged");

    ok(cli.in(demo, "deploy", "hello@2", "--env", "staging"));
    assertThat(
            ok(cli.in(demo, "promote", "hello", "--from", "staging", "--to", "production")).out())
        .startsWith("promoted hello@2 to production (was v1;");
    assertThat(
            ok(cli.in(demo, "rollback", "hello", "--env", "production", "--reason", "too warm"))
                .out())
        .startsWith("rolled production back to hello@1 (was v2;");

    var show = ok(cli.in(demo, "show", "hello"));
    assertThat(show.out())
        .startsWith("hello@1  sha256:")
        .contains("resolved via  env:production", "author        admin", "message       first")
        .contains("production=v1", "staging=v2")
        .contains("model: ", "Say hello to {{name}}");

    var history = ok(cli.in(demo, "history", "hello", "--env", "production"));
    assertThat(history.out().lines().toList())
        .hasSize(4)
        .satisfies(
            lines -> {
              assertThat(lines.get(1)).contains("production", "rollback", "v2 -> v1", "too warm");
              assertThat(lines.get(2)).contains("promote", "v1 -> v2");
              assertThat(lines.get(3)).contains("promote", "nothing -> v1");
            });

    var diff = ok(cli.in(demo, "diff", "hello@1", "hello:staging"));
    assertThat(diff.out())
        .contains("--- hello@1", "+++ hello@2")
        .contains("-Say hello to {{name}} in {{language}}, in one short and friendly sentence.")
        .contains("+Say hello to {{name}} in {{language}}, in one short, warm sentence.")
        .contains("front matter:\n  ~ /config/temperature: 0.7 -> 0.3\n");

    var ls = ok(cli.in(demo, "ls"));
    assertThat(ls.out())
        .contains("NAME           LATEST  DEV  STAGING  PRODUCTION  LABELS")
        .contains("hello          v2      -    v2       v1          -");

    var log = ok(cli.in(demo, "audit", "log", "--prompt", "hello", "--output", "json"));
    var entries = Json.parse(log.out()).path("entries");
    assertThat(entries.size()).isGreaterThanOrEqualTo(7);
    assertThat(ok(cli.in(demo, "audit", "log", "--limit", "500")).out()).contains("hello");

    assertThat(ok(cli.in(demo, "audit", "verify")).out()).startsWith("audit chain intact: ");
  }

  @Test
  void aStaleExpectationIsRefusedWithTheCurrentState() throws Exception {
    var cli = cli();
    ok(cli.run("init", "--project", "stale"));
    ok(cli.run("push"));
    ok(cli.run("deploy", "hello@1", "--env", "staging"));

    var r =
        cli.run("deploy", "hello@1", "--env", "staging", "--expect", "none", "--output", "json");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("current: staging points to hello@1 (sha256:");
    var error = Json.parse(r.out()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("pin_changed");
    assertThat(error.path("details").path("currentVersion").asInt()).isEqualTo(1);
  }

  @Test
  void deployingThePinnedVersionAgainChangesNothing() throws Exception {
    var cli = cli();
    ok(cli.run("init", "--project", "again"));
    ok(cli.run("push"));
    ok(cli.run("deploy", "hello@1", "--env", "dev"));

    assertThat(ok(cli.run("deploy", "hello@1", "--env", "dev")).out())
        .isEqualTo("hello: dev already points to v1; nothing changed\n");
  }

  @Test
  void anUnknownPromptIsAUsageError() throws Exception {
    var cli = cli();
    ok(cli.run("init", "--project", "unknown"));
    ok(cli.run("push"));

    var show = cli.run("show", "nope");
    var deploy = cli.run("deploy", "nope@1", "--env", "staging");

    assertThat(show.code()).as(show.toString()).isEqualTo(2);
    assertThat(show.err()).startsWith("error: ").contains("nope").contains("hint: ");
    assertThat(deploy.code()).as(deploy.toString()).isEqualTo(2);
  }

  @Test
  void aWrongApiKeyIsAUsageErrorWithTheServersMessage() {
    var r = cli().run("projects", "--api-key", "not-a-key-of-this-server");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: ").doesNotContain("not-a-key-of-this-server");
    var json = cli().run("projects", "--api-key", "wrong", "--output", "json");
    assertThat(json.out()).contains("\"code\" : \"unauthenticated\"");
  }

  @Test
  void syncFollowsTheEnvironmentsOfPromptopsYaml() throws Exception {
    var cli = cli();
    ok(cli.run("init", "--project", "chain"));
    assertThat(ok(cli.run("sync")).out())
        .startsWith("created project chain (dev -> staging -> production)\n")
        .contains("hello: created v1", "support/reply: created v1");
    Path yaml = work.resolve("promptops.yaml");
    Files.writeString(
        yaml,
        Files.readString(yaml)
            .replace("[dev, staging, production]", "[dev, qa, staging, production]"));

    assertThat(ok(cli.run("sync")).out())
        .startsWith(
            "updated project chain: environments dev -> staging -> production  =>  dev -> qa ->"
                + " staging -> production\n")
        .contains("hello: unchanged");
    assertThat(ok(cli.run("sync")).out()).startsWith("project chain is up to date");
    var elsewhere = new CliRunner(work.getParent()).env("PROMPTOPS_URL", server.url());
    assertThat(
            ok(elsewhere
                    .env("PROMPTOPS_API_KEY", RunningServer.ADMIN_KEY)
                    .run("sync", work.getFileName().toString()))
                .out())
        .as("sync DIR")
        .startsWith("project chain is up to date");
  }

  @Test
  void policiesFromPromptopsYamlAreEnforcedAndOnlyAnAdminBreaksTheGlass() throws Exception {
    var admin = cli();
    ok(admin.run("init", "--project", "guarded"));
    Path yaml = work.resolve("promptops.yaml");
    Files.writeString(
        yaml,
        Files.readString(yaml)
            + "policies:\n"
            + "  production:\n"
            + "    after: staging\n"
            + "    evals: [smoke]\n");
    var sync = ok(admin.run("sync"));
    assertThat(sync.out()).contains("policies: version 1 applied");
    assertThat(ok(admin.run("sync")).out()).contains("policies are up to date (version 1)");
    Path hello = work.resolve("prompts/hello.prompt");
    String before = Files.readString(hello);
    Files.writeString(hello, before + "Be brief.\n");
    Files.writeString(yaml, Files.readString(yaml) + "    aftr: typo\n");
    var badPolicy = admin.run("sync");
    assertThat(badPolicy.code()).as(badPolicy.toString()).isEqualTo(2);
    assertThat(badPolicy.err()).contains("the policy of 'production' has an unknown key 'aftr'");
    assertThat(ok(admin.run("history", "hello")).out())
        .as("a refused policy stops the sync before any new version")
        .doesNotContain("v2");
    Files.writeString(hello, before);
    Files.writeString(yaml, Files.readString(yaml).replace("    aftr: typo\n", ""));
    ok(admin.run("push"));
    var deployer = cli().env("PROMPTOPS_API_KEY", newKey(admin, "shipper", "guarded=deployer"));

    var refused = deployer.run("deploy", "hello@1", "--env", "production");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err())
        .contains("error: the policy of 'production' does not allow hello@1:")
        .contains("unmet (after): hello@1 has not been deployed to 'staging'")
        .contains("fix: deploy it to staging first: promptops deploy hello@1 --env staging")
        .contains("unmet (evals): no run of the eval suite 'smoke' on the server passed its gate");
    ok(deployer.run("deploy", "hello@1", "--env", "staging"));

    var glass =
        deployer.run("deploy", "hello@1", "--env", "production", "--break-glass", "--reason", "x");
    assertThat(glass.code()).as(glass.toString()).isEqualTo(2);
    assertThat(glass.err()).contains("may not admin");
    ok(
        admin.run(
            "deploy", "hello@1", "--env", "production", "--break-glass", "--reason", "hotfix"));
    var log =
        ok(admin.run("audit", "log", "--action", "deployment.break_glass", "--output", "json"));
    var entries = Json.parse(log.out()).path("entries");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).path("details").path("reason").asText()).isEqualTo("hotfix");
  }

  private String newKey(CliRunner admin, String name, String role) {
    return ok(admin.run("keys", "create", name, "--role", role))
        .out()
        .lines()
        .filter(l -> l.startsWith("secret: "))
        .findFirst()
        .orElseThrow()
        .substring("secret: ".length());
  }

  @Test
  void aChangeRequestIsOpenedReviewedByAnotherAndMerged() throws Exception {
    var admin = cli();
    ok(admin.run("init", "--project", "reviewed"));
    Path yaml = work.resolve("promptops.yaml");
    Files.writeString(
        yaml,
        Files.readString(yaml)
            + "policies:\n  production:\n    after: staging\n    approvals: 1\n");
    ok(admin.run("sync"));
    ok(admin.run("push"));
    var editor = cli().env("PROMPTOPS_API_KEY", newKey(admin, "rev-ed", "reviewed=editor"));
    var ann = cli().env("PROMPTOPS_API_KEY", newKey(admin, "rev-ann", "reviewed=approver"));
    var shipper = cli().env("PROMPTOPS_API_KEY", newKey(admin, "rev-shipper", "reviewed=deployer"));
    ok(shipper.run("deploy", "hello@1", "--env", "staging"));

    var direct = shipper.run("deploy", "hello@1", "--env", "production");
    assertThat(direct.code()).as(direct.toString()).isEqualTo(2);
    assertThat(direct.err())
        .contains("'production' requires 1 approval of a change request")
        .contains("hint: open one: promptops change open hello@1 --env production");

    var opened =
        ok(editor.run("change", "open", "hello@1", "--env", "production", "-m", "first hello"));
    assertThat(opened.out())
        .startsWith("opened change request #1\n#1  hello@1 -> production  OPEN\n")
        .contains("waiting  change request #1 has 0 of the 1 approval 'production' requires");
    var self = editor.run("change", "approve", "1");
    assertThat(self.code()).as(self.toString()).isEqualTo(2);
    var approved = ok(ann.run("change", "approve", "1", "-m", "lgtm"));
    assertThat(approved.out())
        .contains("review   rev-ann (approver): approve — lgtm")
        .contains("ready    the policy holds: promptops change merge 1");
    var early = ann.run("change", "merge", "1");
    assertThat(early.code()).as("an approver does not deploy").isEqualTo(2);

    var merged = ok(shipper.run("change", "merge", "1"));

    assertThat(merged.out())
        .startsWith("merged change request #1\n#1  hello@1 -> production  MERGED (deployment #");
    assertThat(ok(admin.run("ls")).out()).contains("v1      -    v1       v1");
    assertThat(ok(admin.run("change", "list", "--state", "all")).out())
        .contains("1  hello   v1       production  merged  rev-ed");
    var history = ok(admin.run("history", "hello", "--env", "production"));
    assertThat(history.out()).contains("change request #1: first hello");
  }

  @Test
  void syncRegistersTheSuitesOfTheEvalsFolder() throws Exception {
    var admin = cli();
    ok(admin.run("init", "--project", "suites"));
    Files.writeString(
        work.resolve("evals/greet.yaml"),
        "prompts: [../prompts/hello.prompt]\n"
            + "cases:\n  - vars: {name: Ann, language: English}\n"
            + "    assert: [{type: icontains, value: Ann}]\n");
    Files.writeString(
        work.resolve("evals/broken.yaml"), "prompts: [../prompts/hello.prompt]\ncases: []\n");

    var first = admin.run("sync");

    assertThat(first.code()).as(first.toString()).isEqualTo(1);
    assertThat(first.out())
        .contains("suite broken: not registered: ")
        .containsPattern("suite greet: registered sha256:[0-9a-f]{64}");
    Files.delete(work.resolve("evals/broken.yaml"));
    assertThat(ok(admin.run("sync")).out()).containsPattern("suite greet: up to date sha256:");
  }

  @Test
  void keysGiveRolesThatTheServerEnforces() throws Exception {
    var admin = cli();
    ok(admin.run("init", "--project", "roles"));
    ok(admin.run("push"));
    var created = ok(admin.run("keys", "create", "viewer-bot", "--role", "roles=viewer"));
    String secret =
        created
            .out()
            .lines()
            .filter(l -> l.startsWith("secret: "))
            .findFirst()
            .orElseThrow()
            .substring("secret: ".length());

    var viewer = cli().env("PROMPTOPS_API_KEY", secret);
    assertThat(ok(viewer.run("whoami")).out()).contains("viewer-bot", "roles=viewer");
    assertThat(ok(viewer.run("ls")).out()).contains("hello");
    var deploy = viewer.run("deploy", "hello@1", "--env", "dev");
    assertThat(deploy.code()).as(deploy.toString()).isEqualTo(2);

    assertThat(ok(admin.run("keys", "list")).out())
        .contains("viewer-bot", "roles=viewer", "active");
    assertThat(ok(admin.run("keys", "revoke", "viewer-bot")).out())
        .startsWith("revoked key viewer-bot");
    assertThat(viewer.run("ls").code()).isEqualTo(2);
  }
}
