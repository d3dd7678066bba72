package dev.promptops.cli;

import static dev.promptops.cli.StubApi.deployment;
import static dev.promptops.cli.StubApi.outcome;
import static dev.promptops.cli.StubApi.pins;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy, promote and rollback: the compare-and-set they send and what they print. */
class MovesTest {
  @TempDir Path dir;
  private final StubApi api = new StubApi();
  private CliRunner cli;

  @BeforeEach
  void setUp() {
    cli =
        new CliRunner(dir)
            .env("PROMPTOPS_URL", api.url())
            .env("PROMPTOPS_API_KEY", "po_k")
            .env("PROMPTOPS_PROJECT", "shop");
    api.on(
        "GET",
        "/projects/shop/prompts/support/reply/-/pins",
        200,
        pins("support/reply", "staging", "2", "production", "1"));
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  @Test
  void deploySendsThePinItReadAsTheExpectedVersion() {
    api.on(
        "POST",
        "/projects/shop/prompts/support/reply/-/deploy",
        200,
        outcome(
            "support/reply",
            "staging",
            3,
            deployment(7, "support/reply", "staging", 2, 3, "deploy")));

    var r = cli.run("deploy", "support/reply@3", "--env", "staging", "--reason", "tone");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(api.last("POST").body())
        .isEqualTo("{\"env\":\"staging\",\"version\":3,\"expectedVersion\":2,\"reason\":\"tone\"}");
    assertThat(api.last("POST").authorization()).isEqualTo("Bearer po_k");
    assertThat(r.out()).isEqualTo("deployed support/reply@3 to staging (was v2; deployment #7)\n");
  }

  @Test
  void deployToAnEmptyTargetExpectsNothing() {
    api.on(
        "POST",
        "/projects/shop/prompts/support/reply/-/deploy",
        200,
        outcome(
            "support/reply",
            "canary",
            3,
            deployment(8, "support/reply", "canary", null, 3, "deploy")));

    var r = cli.run("deploy", "support/reply@3", "--label", "canary");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(api.last("POST").body())
        .isEqualTo("{\"label\":\"canary\",\"version\":3,\"expectedVersion\":null}");
    assertThat(r.out()).contains("(was nothing; deployment #8)");
  }

  @Test
  void anExplicitExpectationIsSentWithoutReadingThePin() {
    api.on(
        "POST",
        "/projects/shop/prompts/support/reply/-/deploy",
        200,
        outcome("support/reply", "staging", 3, null));

    var r = cli.run("deploy", "support/reply@3", "--env", "staging", "--expect", "none");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(api.requests()).extracting(StubApi.Request::method).containsExactly("POST");
    assertThat(api.last("POST").body()).contains("\"expectedVersion\":null");
    assertThat(r.out()).isEqualTo("support/reply: staging already points to v3; nothing changed\n");
  }

  @Test
  void aLostCompareAndSetPrintsTheCurrentStateAndExitsTwo() {
    api.on(
        "POST",
        "/projects/shop/prompts/support/reply/-/deploy",
        409,
        "{\"error\":{\"code\":\"pin_changed\",\"message\":\"staging of support/reply moved: expected"
            + " v1, it is v2\",\"hint\":\"check the current state and retry\",\"details\":{"
            + "\"prompt\":\"support/reply\",\"target\":\"staging\",\"currentVersion\":2,"
            + "\"currentDigest\":\"sha256:"
            + "cd".repeat(32)
            + "\",\"lastDeployment\":"
            + deployment(6, "support/reply", "staging", 1, 2, "deploy")
            + "}}}");

    var r = cli.run("deploy", "support/reply@3", "--env", "staging", "--expect", "1");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: staging of support/reply moved: expected v1, it is v2\n"
                + "current: staging points to support/reply@2 (sha256:cdcdcdcdcdcd); last moved"
                + " by admin at 2026-11-25 10:00:00Z (deploy v1 -> v2: tone)\n"
                + "hint: check the current state and retry\n");
  }

  @Test
  void promoteExpectsWhatTheTargetPinsNow() {
    api.on(
        "POST",
        "/projects/shop/prompts/support/reply/-/promote",
        200,
        outcome(
            "support/reply",
            "production",
            2,
            deployment(9, "support/reply", "production", 1, 2, "promote")));

    var r = cli.run("promote", "support/reply", "--from", "staging", "--to", "production");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(api.last("POST").body())
        .isEqualTo("{\"from\":\"staging\",\"to\":\"production\",\"expectedVersion\":1}");
    assertThat(r.out())
        .isEqualTo("promoted support/reply@2 to production (was v1; deployment #9)\n");
  }

  @Test
  void rollbackSendsTheTargetVersionWhenGiven() {
    api.on(
        "POST",
        "/projects/shop/prompts/support/reply/-/rollback",
        200,
        outcome(
            "support/reply",
            "staging",
            1,
            deployment(10, "support/reply", "staging", 2, 1, "rollback")));

    var r =
        cli.run("rollback", "support/reply", "--env", "staging", "--to", "1", "--reason", "bad");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(api.last("POST").body())
        .isEqualTo(
            "{\"env\":\"staging\",\"toVersion\":1,\"expectedVersion\":2,\"reason\":\"bad\"}");
    assertThat(r.out())
        .isEqualTo("rolled staging back to support/reply@1 (was v2; deployment #10)\n");
  }

  @Test
  void jsonOutputIsTheApiOutcome() {
    api.on(
        "POST",
        "/projects/shop/prompts/support/reply/-/rollback",
        200,
        outcome(
            "support/reply",
            "staging",
            1,
            deployment(10, "support/reply", "staging", 2, 1, "rollback")));

    var r = cli.run("rollback", "support/reply", "--env", "staging", "--output", "json");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("\"changed\" : true", "\"version\" : 1", "\"kind\" : \"rollback\"");
  }

  @Test
  void anUnknownPromptIsAUsageError() {
    api.on(
        "GET",
        "/projects/shop/prompts/nope/-/pins",
        404,
        StubApi.error("prompt_not_found", "no prompt named 'nope' in project 'shop'", "push it"));

    var r = cli.run("deploy", "nope@1", "--env", "staging");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("error: no prompt named 'nope' in project 'shop'\nhint: push it\n");
  }
}
