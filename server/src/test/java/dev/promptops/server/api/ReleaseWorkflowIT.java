package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.server.TestServer.Resp;
import dev.promptops.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference workflow through the API, on a real server and the mock LLM: a policy (staging
 * first, an eval suite, one approval), a registered suite, a new version deployed to staging, a
 * change request that starts the suite by itself, a refused self-approval, an approval, a merge;
 * and the audit trail that tells it all. A failed smoke suite rolls back and sends its webhook.
 */
class ReleaseWorkflowIT {
  static final String P = LlmFixture.P;

  @TempDir Path dir;
  LlmFixture llm;
  WebhooksIT.Receiver receiver;

  @BeforeEach
  void start() throws java.io.IOException {
    receiver = WebhooksIT.Receiver.start();
    llm = LlmFixture.start(dir.resolve("data"), TestDatabases.sqliteDatabase(dir.resolve("db")));
  }

  @AfterEach
  void stop() {
    llm.close();
    receiver.close();
  }

  String key(String name, String role) {
    Resp r =
        LlmFixture.ok(
            llm.server.post(
                "/api/v1/keys", ADMIN_KEY, Map.of("name", name, "roles", Map.of("shop", role))));
    return r.json().get("secret").asText();
  }

  Resp deploy(String key, String env, int version, Integer expected) {
    var body = new LinkedHashMap<String, Object>();
    body.put("env", env);
    body.put("version", version);
    body.put("expectedVersion", expected);
    return llm.server.post(P + "/prompts/hello/-/deploy", key, body);
  }

  JsonNode awaitRun(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode run = LlmFixture.ok(llm.server.get(P + "/evals/" + id, ADMIN_KEY)).json();
      String status = run.get("status").asText();
      if (!status.equals("queued") && !status.equals("running")) {
        return run;
      }
      assertThat(System.nanoTime()).as("run " + id + " still " + status).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  JsonNode awaitAudit(String action) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode entries =
          LlmFixture.ok(llm.server.get(P + "/audit?action=" + action, ADMIN_KEY))
              .json()
              .get("entries");
      if (!entries.isEmpty()) {
        return entries.get(entries.size() - 1);
      }
      assertThat(System.nanoTime()).as("no " + action + " yet").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  void push(String key, String source) {
    LlmFixture.ok(
        llm.server.post(
            P + "/prompts",
            key,
            Map.of("prompts", List.of(Map.of("name", "hello", "source", source)))));
  }

  @Test
  void anAutoMergeRequestDeploysWhenTheRunItWaitedForPasses() throws Exception {
    LlmFixture.ok(
        llm.server.put(
            P + "/policies",
            ADMIN_KEY,
            Map.of("environments", Map.of("production", Map.of("evals", List.of("polite"))))));
    LlmFixture.ok(
        llm.server.put(
            P + "/suites/polite",
            ADMIN_KEY,
            Map.of(
                "suite",
                Map.of(
                    "prompts",
                    List.of("hello"),
                    "cases",
                    List.of(
                        Map.of(
                            "vars",
                            Map.of("name", "Ann"),
                            "assert",
                            List.of(Map.of("type", "icontains", "value", "Ann"))))))));
    push(ADMIN_KEY, ExecutionIT.greeting("openai/gpt-4o-mini"));

    JsonNode opened =
        LlmFixture.ok(
                llm.server.post(
                    P + "/changes",
                    ADMIN_KEY,
                    Map.of(
                        "prompt",
                        "hello",
                        "version",
                        1,
                        "environment",
                        "production",
                        "autoMerge",
                        true)))
            .json();
    assertThat(opened.get("state").asText()).isEqualTo("open");
    assertThat(opened.at("/notes/0").asText()).startsWith("eval polite: started ev_");

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode change;
    while (true) {
      change = LlmFixture.ok(llm.server.get(P + "/changes/1", ADMIN_KEY)).json();
      if (!change.get("state").asText().equals("open")) {
        break;
      }
      assertThat(System.nanoTime()).as("still open").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(change.get("state").asText()).isEqualTo("merged");
    JsonNode history =
        LlmFixture.ok(llm.server.get(P + "/prompts/hello/-/history?env=production", ADMIN_KEY))
            .json();
    assertThat(history.at("/deployments/0/reason").asText())
        .contains("auto-merge after eval run ev_");
  }

  @Test
  void aFailedSmokeSuitePutsBackTheVersionThatRanBefore() throws Exception {
    LlmFixture.ok(
        llm.server.put(
            P + "/policies",
            ADMIN_KEY,
            Map.of("environments", Map.of("staging", Map.of("smoke", "strict")))));
    push(ADMIN_KEY, ExecutionIT.greeting("openai/gpt-4o-mini"));
    push(ADMIN_KEY, ExecutionIT.greeting("openai/gpt-4o-mini") + "Be warm.\n");
    Resp unregistered = deploy(ADMIN_KEY, "staging", 1, null);
    assertThat(unregistered.status()).isEqualTo(409);
    assertThat(unregistered.json().at("/error/message").asText())
        .contains("the smoke suite 'strict' of 'staging' is not registered");
    LlmFixture.ok(
        llm.server.put(
            P + "/suites/strict",
            ADMIN_KEY,
            Map.of(
                "suite",
                Map.of(
                    "prompts",
                    List.of("hello"),
                    "cases",
                    List.of(
                        Map.of(
                            "vars",
                            Map.of("name", "Ann"),
                            "assert",
                            List.of(Map.of("type", "icontains", "value", "zzz"))))))));
    LlmFixture.ok(deploy(ADMIN_KEY, "staging", 1, null));
    JsonNode first = awaitAudit("smoke.failed");
    assertThat(first.at("/details/rollback").asText())
        .isEqualTo("none: nothing ran in staging before v1");
    JsonNode hook =
        LlmFixture.ok(
                llm.server.post(
                    P + "/webhooks",
                    ADMIN_KEY,
                    Map.of("url", receiver.url(), "events", List.of("smoke.failed"))))
            .json();

    LlmFixture.ok(deploy(ADMIN_KEY, "staging", 2, 1));

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode rolledBack;
    while (true) {
      rolledBack =
          LlmFixture.ok(llm.server.get(P + "/audit?action=deployment.rollback", ADMIN_KEY))
              .json()
              .get("entries");
      if (!rolledBack.isEmpty()) {
        break;
      }
      assertThat(System.nanoTime()).as("no rollback yet").isLessThan(deadline);
      Thread.sleep(50);
    }
    JsonNode entry = rolledBack.get(0);
    assertThat(entry.get("actor").asText()).isEqualTo("promptops");
    assertThat(entry.at("/details/fromVersion").asInt()).isEqualTo(2);
    assertThat(entry.at("/details/toVersion").asInt()).isEqualTo(1);
    assertThat(entry.at("/details/reason").asText())
        .startsWith("smoke suite strict failed on v2 (run ev_");
    JsonNode failed = awaitAudit("smoke.failed");
    assertThat(failed.at("/details/version").asInt()).isEqualTo(2);
    assertThat(failed.at("/details/rollback").asText()).isEqualTo("to v1");
    JsonNode history =
        LlmFixture.ok(llm.server.get(P + "/prompts/hello/-/history?env=staging", ADMIN_KEY)).json();
    assertThat(history.at("/deployments/0/kind").asText()).isEqualTo("rollback");
    assertThat(history.at("/deployments/0/toVersion").asInt()).isEqualTo(1);
    var received = receiver.await(1).getFirst();
    assertThat(received.event()).isEqualTo("smoke.failed");
    assertThat(
            dev.promptops.core.webhook.WebhookSignature.verify(
                hook.get("secret").asText(),
                received.timestamp(),
                received.signature(),
                received.body()))
        .isTrue();
    JsonNode payload = dev.promptops.core.json.Json.parse(received.body());
    assertThat(payload.at("/data/rollback").asText()).isEqualTo("to v1");
    assertThat(payload.at("/data/version").asInt()).isEqualTo(2);
  }

  @Test
  void aVersionReachesProductionThroughItsPolicyAndTheAuditTrailTellsHow() throws Exception {
    String editor = key("ed", "editor");
    String approver = key("ann", "approver");
    String deployer = key("shipper", "deployer");
    LlmFixture.ok(
        llm.server.put(
            P + "/policies",
            ADMIN_KEY,
            Map.of(
                "environments",
                Map.of(
                    "staging",
                    Map.of("smoke", "greet"),
                    "production",
                    Map.of("after", "staging", "evals", List.of("polite"), "approvals", 1)),
                "reason",
                "release rules")));
    var cases = new ArrayList<Map<String, Object>>();
    for (String name : List.of("Ann", "Bob", "Cy")) {
      cases.add(
          Map.of(
              "vars",
              Map.of("name", name),
              "assert",
              List.of(Map.of("type", "icontains", "value", name))));
    }
    Resp suite =
        LlmFixture.ok(
            llm.server.put(
                P + "/suites/greet",
                editor,
                Map.of("suite", Map.of("prompts", List.of("hello"), "cases", cases))));
    assertThat(suite.json().get("changed").asBoolean()).isTrue();
    LlmFixture.ok(
        llm.server.put(
            P + "/suites/polite",
            editor,
            Map.of("suite", Map.of("prompts", List.of("hello"), "cases", cases.subList(0, 2)))));
    Resp pushed =
        LlmFixture.ok(
            llm.server.post(
                P + "/prompts",
                editor,
                Map.of(
                    "prompts",
                    List.of(
                        Map.of(
                            "name",
                            "hello",
                            "source",
                            ExecutionIT.greeting("openai/gpt-4o-mini"))))));
    assertThat(pushed.json().at("/results/0/version").asInt()).isEqualTo(1);

    Resp direct = deploy(deployer, "production", 1, null);
    assertThat(direct.status()).isEqualTo(409);
    assertThat(direct.errorCode()).isEqualTo("policy_not_met");
    assertThat(direct.json().at("/error/details/unmet"))
        .extracting(u -> u.get("rule").asText())
        .containsExactly("approvals", "after", "evals");
    LlmFixture.ok(deploy(deployer, "staging", 1, null));
    JsonNode smoke = awaitAudit("smoke.passed");
    assertThat(smoke.at("/details/environment").asText()).isEqualTo("staging");
    assertThat(smoke.get("actor").asText()).isEqualTo("promptops");

    Resp opened =
        llm.server.post(
            P + "/changes",
            editor,
            Map.of(
                "prompt",
                "hello",
                "version",
                1,
                "environment",
                "production",
                "description",
                "greet people by name"));
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    JsonNode change = opened.json();
    assertThat(change.get("number").asInt()).isEqualTo(1);
    assertThat(change.get("state").asText()).isEqualTo("open");
    String note = change.at("/notes/0").asText();
    assertThat(note).startsWith("eval polite: started ev_").endsWith(" on hello@1");
    String runId = note.substring(note.indexOf("ev_"), note.indexOf(" on "));

    JsonNode run = awaitRun(runId);
    assertThat(run.get("status").asText()).isEqualTo("finished");
    assertThat(run.get("gatePassed").asBoolean()).isTrue();
    JsonNode waiting = LlmFixture.ok(llm.server.get(P + "/changes/1", editor)).json();
    assertThat(waiting.get("unmet"))
        .extracting(u -> u.get("rule").asText())
        .containsExactly("approvals");
    assertThat(waiting.get("mergeable").asBoolean()).isFalse();
    assertThat(waiting.at("/evals/0/suite").asText()).isEqualTo("polite");
    assertThat(waiting.at("/evals/0/run").asText()).isEqualTo(runId);
    assertThat(waiting.at("/evals/0/gatePassed").asBoolean()).isTrue();

    Resp self = llm.server.post(P + "/changes/1/reviews", ADMIN_KEY, Map.of("verdict", "approve"));
    assertThat(self.status()).as("an admin may approve: not the author").isEqualTo(200);
    Resp byAuthor = llm.server.post(P + "/changes/1/reviews", editor, Map.of("verdict", "approve"));
    assertThat(byAuthor.status()).as("an editor has no approve permission").isEqualTo(403);
    JsonNode approved =
        LlmFixture.ok(
                llm.server.post(
                    P + "/changes/1/reviews",
                    approver,
                    Map.of("verdict", "approve", "comment", "lgtm")))
            .json();
    assertThat(approved.get("mergeable").asBoolean()).isTrue();
    assertThat(approved.get("reviews")).hasSize(2);

    assertThat(llm.server.post(P + "/changes/1/merge", approver, Map.of()).status()).isEqualTo(403);
    JsonNode merged =
        LlmFixture.ok(llm.server.post(P + "/changes/1/merge", deployer, Map.of())).json();

    assertThat(merged.get("state").asText()).isEqualTo("merged");
    JsonNode pins = LlmFixture.ok(llm.server.get(P + "/prompts/hello/-/pins", ADMIN_KEY)).json();
    assertThat(pins.toString()).contains("\"target\":\"production\"");
    JsonNode history =
        LlmFixture.ok(llm.server.get(P + "/prompts/hello/-/history?env=production", ADMIN_KEY))
            .json();
    assertThat(history.at("/deployments/0/actor").asText()).isEqualTo("shipper");
    assertThat(history.at("/deployments/0/reason").asText())
        .isEqualTo("change request #1: greet people by name");

    JsonNode audit = LlmFixture.ok(llm.server.get(P + "/audit?limit=100", ADMIN_KEY)).json();
    List<String> trail = new ArrayList<>();
    for (JsonNode e : audit.get("entries")) {
      trail.add(e.get("actor").asText() + " " + e.get("action").asText());
    }
    assertThat(trail)
        .containsSubsequence(
            "admin policy.update",
            "ed suite.update",
            "ed suite.update",
            "ed version.create",
            "shipper deployment.deploy",
            "promptops smoke.passed",
            "ed change.open",
            "ed eval.start",
            "promptops eval.finish",
            "admin change.approve",
            "ann change.approve",
            "shipper deployment.deploy",
            "shipper change.merge");
    JsonNode verify = LlmFixture.ok(llm.server.get("/api/v1/audit/verify", ADMIN_KEY)).json();
    assertThat(verify.toString()).contains("true");
  }
}
