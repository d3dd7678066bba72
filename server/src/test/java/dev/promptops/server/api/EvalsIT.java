package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import dev.promptops.providers.mock.Latency;
import dev.promptops.providers.mock.MockRule;
import dev.promptops.server.ServerConfig;
import dev.promptops.server.TestServer;
import dev.promptops.server.TestServer.Resp;
import dev.promptops.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluation runs on a real server: submitted through the API, run by the background worker on the
 * project's providers (the mock LLM server), listed per prompt version, read page by page,
 * cancelled, uploaded; and a run the server stops in the middle of goes on after a restart.
 */
class EvalsIT {
  static final String E = LlmFixture.P + "/evals";

  @TempDir Path dir;
  LlmFixture llm;

  @BeforeEach
  void start() {
    llm = LlmFixture.start(dir.resolve("data"), TestDatabases.sqliteDatabase(dir.resolve("db")));
    llm.deploy("hello/openai", ExecutionIT.greeting("openai/gpt-4o-mini"));
  }

  @AfterEach
  void stop() {
    llm.close();
  }

  static Map<String, Object> suite(int cases, String expect) {
    var list = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < cases; i++) {
      list.add(
          Map.of(
              "vars", Map.of("name", "P" + i),
              "assert",
                  List.of(Map.of("type", "icontains", "value", i % 5 == 4 ? "nope" : expect))));
    }
    return Map.of(
        "prompts", List.of("hello/openai:production"),
        "cases", list,
        "gate", Map.of("minPassRate", 0.75));
  }

  Resp submit(Object body) {
    return llm.server.post(E, ADMIN_KEY, body);
  }

  JsonNode awaitEnd(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode run = LlmFixture.ok(llm.server.get(E + "/" + id, ADMIN_KEY)).json();
      String status = run.get("status").asText();
      if (!status.equals("queued") && !status.equals("running")) {
        return run;
      }
      assertThat(System.nanoTime()).as("run " + id + " still " + status).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void aSubmittedSuiteRunsInTheBackgroundAndIsListedForTheVersionItTested() throws Exception {
    Resp r = submit(Map.of("suite", suite(10, "{{name}}"), "name", "greetings"));
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    String id = r.json().get("id").asText();
    assertThat(r.json().get("status").asText()).isEqualTo("queued");

    JsonNode run = awaitEnd(id);

    assertThat(run.get("status").asText()).isEqualTo("finished");
    assertThat(run.get("gatePassed").asBoolean()).isTrue();
    JsonNode v = run.at("/report/variants/0");
    assertThat(v.get("prompt").asText()).isEqualTo("hello/openai");
    assertThat(v.get("version").asInt()).isEqualTo(1);
    assertThat(v.get("cases").asInt()).isEqualTo(10);
    assertThat(v.get("passed").asInt()).isEqualTo(8);
    assertThat(run.get("suiteSource").has("cases")).isTrue();
    assertThat(llm.mock.requests().size()).isEqualTo(10);

    JsonNode listed =
        LlmFixture.ok(llm.server.get(E + "?prompt=hello/openai&version=1", ADMIN_KEY)).json();
    assertThat(listed.get("runs")).hasSize(1);
    assertThat(listed.at("/runs/0/id").asText()).isEqualTo(id);
    assertThat(listed.at("/runs/0/gatePassed").asBoolean()).isTrue();

    JsonNode failing =
        LlmFixture.ok(llm.server.get(E + "/" + id + "/results?failing=true", ADMIN_KEY)).json();
    assertThat(failing.get("results")).hasSize(2);
    assertThat(failing.at("/results/0/pass").asBoolean()).isFalse();
    JsonNode page1 =
        LlmFixture.ok(llm.server.get(E + "/" + id + "/results?limit=4", ADMIN_KEY)).json();
    assertThat(page1.get("results")).hasSize(4);
    long next = page1.get("next").asLong();
    JsonNode page2 =
        LlmFixture.ok(llm.server.get(E + "/" + id + "/results?limit=100&after=" + next, ADMIN_KEY))
            .json();
    assertThat(page2.get("results")).hasSize(6);
    JsonNode search =
        LlmFixture.ok(llm.server.get(E + "/" + id + "/results?q=P7", ADMIN_KEY)).json();
    assertThat(search.get("results")).hasSize(1);

    JsonNode audit =
        LlmFixture.ok(llm.server.get(LlmFixture.P + "/audit?action=eval.start", ADMIN_KEY)).json();
    assertThat(audit.get("entries")).hasSize(1);
  }

  @Test
  void aBadSuiteIsRefusedAtOnceAndQueuesNothing() {
    var files =
        Map.of(
            "prompts",
            List.of("../prompts/hello.prompt"),
            "cases",
            List.of(Map.of("vars", Map.of())));
    Resp file = submit(Map.of("suite", files));
    assertThat(file.status()).isEqualTo(400);
    assertThat(file.errorCode()).isEqualTo("suite_not_self_contained");

    var unknown =
        Map.of("prompts", List.of("nope:production"), "cases", List.of(Map.of("vars", Map.of())));
    Resp missing = submit(Map.of("suite", unknown));
    assertThat(missing.status()).isEqualTo(404);

    var badRegex =
        Map.of(
            "prompts", List.of("hello/openai"),
            "cases",
                List.of(
                    Map.of(
                        "vars",
                        Map.of("name", "A"),
                        "assert",
                        List.of(Map.of("type", "regex", "value", "(")))));
    Resp regex = submit(Map.of("suite", badRegex));
    assertThat(regex.status()).as(regex.toString()).isEqualTo(400);
    assertThat(regex.errorCode()).isEqualTo("invalid_assertion");

    assertThat(LlmFixture.ok(llm.server.get(E, ADMIN_KEY)).json().get("runs")).isEmpty();
  }

  @Test
  void aRunningEvaluationCanBeCancelled() throws Exception {
    llm.rules(MockRule.builder("slow").latency(Latency.fixed(Duration.ofMillis(200))).build());
    String id =
        submit(Map.of("suite", suite(50, "hello"), "concurrency", 1)).json().get("id").asText();
    Thread.sleep(500);

    Resp cancel = llm.server.post(E + "/" + id + "/cancel", ADMIN_KEY, Map.of());
    assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
    JsonNode run = awaitEnd(id);

    assertThat(run.get("status").asText()).isEqualTo("interrupted");
    assertThat(run.at("/report/variants/0/cases").asInt()).isBetween(1, 20);
    assertThat(run.get("gatePassed").asBoolean()).isFalse();
    assertThat(llm.server.post(E + "/" + id + "/cancel", ADMIN_KEY, Map.of()).status())
        .isEqualTo(409);
  }

  @Test
  void aRunTheServerStoppedInTheMiddleOfGoesOnAfterARestartWithoutRunningCasesTwice()
      throws Exception {
    llm.rules(MockRule.builder("slow").latency(Latency.fixed(Duration.ofMillis(100))).build());
    String id =
        submit(Map.of("suite", suite(30, "hello"), "concurrency", 1)).json().get("id").asText();
    Thread.sleep(1200);
    llm.server.close();
    int before = llm.mock.requests().size();
    assertThat(before).isBetween(2, 29);

    try (var again =
        TestServer.start(
            new ServerConfig(
                "127.0.0.1",
                0,
                dir.resolve("data"),
                llm.database().jdbcUrl(),
                llm.database().user(),
                llm.database().password(),
                ServerConfig.DEFAULT_MAX_BODY,
                ADMIN_KEY))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      JsonNode run;
      do {
        Thread.sleep(100);
        run = LlmFixture.ok(again.get(E + "/" + id, ADMIN_KEY)).json();
      } while (!run.get("status").asText().equals("finished") && System.nanoTime() < deadline);
      assertThat(run.get("status").asText()).isEqualTo("finished");
      assertThat(run.at("/report/variants/0/cases").asInt()).isEqualTo(30);
      assertThat(llm.mock.requests().size())
          .as("each case called once, across both servers")
          .isBetween(30, 31);
    }
  }

  @Test
  void aRunMadeElsewhereIsUploadedInBatchesAndListedByTheDigestItTested() throws Exception {
    String digest =
        llm.server
            .get(LlmFixture.P + "/prompts/hello/openai", ADMIN_KEY)
            .json()
            .get("digest")
            .asText();
    Resp started =
        llm.server.post(
            E + "/uploads",
            ADMIN_KEY,
            Map.of("suite", "ci", "suiteDigest", "sha256:" + "a".repeat(64)));
    assertThat(started.status()).as(started.toString()).isEqualTo(201);
    String id = started.json().get("id").asText();
    String result =
        """
        {"variant": "hello/openai on openai/gpt-4o-mini", "case": %d, "repeat": 0, "vars": {"name": "A"},
         "pass": true, "score": 1, "output": {"text": "hi A", "latencyMs": 3}, "assertions": []}
        """;
    var batch = new ArrayList<JsonNode>();
    for (int i = 0; i < 3; i++) {
      batch.add(Json.parse(result.formatted(i)));
    }
    Resp appended = llm.server.post(E + "/" + id + "/results", ADMIN_KEY, Map.of("results", batch));
    assertThat(appended.json().get("stored").asInt()).isEqualTo(3);
    String report =
        """
        {"id": "%s", "suite": "ci", "suiteDigest": "sha256:%s", "startedAt": "2026-12-01T10:00:00Z",
         "finishedAt": "2026-12-01T10:00:01Z", "interrupted": false,
         "gate": {"pass": true, "reasons": [], "infrastructure": false},
         "variants": [{"variant": "hello/openai on openai/gpt-4o-mini", "prompt": "hello/openai", "version": null,
           "digest": "%s", "provider": "openai/gpt-4o-mini", "baseline": false, "cases": 3, "passed": 3,
           "errors": 0, "meanScore": 1, "metrics": {}, "regressions": [], "worst": []}]}
        """
            .formatted(id, "a".repeat(64), digest);
    Resp done =
        llm.server.post(E + "/" + id + "/report", ADMIN_KEY, Map.of("report", Json.parse(report)));
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.json().get("status").asText()).isEqualTo("finished");

    JsonNode listed =
        LlmFixture.ok(llm.server.get(E + "?prompt=hello/openai&version=1", ADMIN_KEY)).json();
    assertThat(listed.at("/runs/0/id").asText())
        .as("a file run found by the version's digest")
        .isEqualTo(id);
    assertThat(
            llm.server
                .post(E + "/" + id + "/results", ADMIN_KEY, Map.of("results", batch))
                .status())
        .as("a finished upload takes no more results")
        .isEqualTo(409);
  }
}
