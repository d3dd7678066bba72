package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.providers.mock.MockRule;
import dev.promptops.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behavioural drift on a real server and the mock LLM: a schedule re-runs a suite against what
 * production runs; when the model starts answering differently under the same prompt the score
 * falls below the one recorded at deployment and a behaviour incident opens, and it resolves when
 * the answers are good again.
 */
class BehaviourDriftIT {
  static final String P = LlmFixture.P;

  @TempDir Path dir;
  LlmFixture llm;

  @BeforeEach
  void start() {
    llm = LlmFixture.start(dir.resolve("data"), TestDatabases.sqliteDatabase(dir.resolve("db")));
  }

  @AfterEach
  void stop() {
    llm.close();
  }

  @Test
  void aScoreFallingBelowTheOneAtDeploymentOpensAnIncidentThatResolvesWhenItRecovers()
      throws Exception {
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
    LlmFixture.ok(
        llm.server.post(
            P + "/prompts",
            ADMIN_KEY,
            Map.of(
                "prompts",
                List.of(
                    Map.of(
                        "name", "hello", "source", ExecutionIT.greeting("openai/gpt-4o-mini"))))));
    var deploy = new LinkedHashMap<String, Object>();
    deploy.put("env", "production");
    deploy.put("version", 1);
    deploy.put("expectedVersion", null);
    LlmFixture.ok(llm.server.post(P + "/prompts/hello/-/deploy", ADMIN_KEY, deploy));

    var refused =
        llm.server.put(
            P + "/drift/schedules",
            ADMIN_KEY,
            Map.of(
                "schedules",
                List.of(Map.of("suite", "nope", "environment", "production", "every", "1s"))));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error/message").asText())
        .contains("suite nope is not registered");

    JsonNode schedules =
        LlmFixture.ok(
                llm.server.put(
                    P + "/drift/schedules",
                    ADMIN_KEY,
                    Map.of(
                        "schedules",
                        List.of(
                            Map.of(
                                "suite",
                                "polite",
                                "environment",
                                "production",
                                "every",
                                "1s",
                                "margin",
                                0.1)))))
            .json();
    assertThat(schedules.at("/schedules/0/every").asText()).isEqualTo("1s");

    // the first scheduled run records the score (1.0): no incident
    awaitRuns(1);
    llm.rules(MockRule.builder("changed").reply("Greetings, customer.").build());
    JsonNode incident = awaitIncident(i -> i.path("kind").asText().equals("behaviour"));
    assertThat(incident.path("prompt").asText()).isEqualTo("hello");
    assertThat(incident.path("version").asInt()).isEqualTo(1);
    assertThat(incident.path("message").asText())
        .contains("suite polite scored 0.000 on hello v1 in production")
        .contains("below the 1.000 recorded at deployment");

    llm.rules();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!LlmFixture.ok(
            llm.server.get(P + "/drift/incidents/" + incident.path("number").asInt(), ADMIN_KEY))
        .json()
        .path("state")
        .asText()
        .equals("resolved")) {
      assertThat(System.nanoTime()).as("the incident did not resolve").isLessThan(deadline);
      Thread.sleep(100);
    }
    JsonNode audit =
        LlmFixture.ok(llm.server.get(P + "/audit?action=drift.open", ADMIN_KEY)).json();
    assertThat(audit.at("/entries/0/details/kind").asText()).isEqualTo("behaviour");
  }

  void awaitRuns(int finished) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode runs = LlmFixture.ok(llm.server.get(P + "/evals?status=finished", ADMIN_KEY)).json();
      if (runs.path("runs").size() >= finished) {
        return;
      }
      assertThat(System.nanoTime()).as("no scheduled run finished").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  JsonNode awaitIncident(Predicate<JsonNode> which) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      for (JsonNode i :
          LlmFixture.ok(llm.server.get(P + "/drift/incidents?state=open", ADMIN_KEY))
              .json()
              .path("incidents")) {
        if (which.test(i)) {
          return i;
        }
      }
      assertThat(System.nanoTime())
          .as(
              "no such incident; runs: "
                  + LlmFixture.ok(llm.server.get(P + "/evals?limit=3", ADMIN_KEY)).json())
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
