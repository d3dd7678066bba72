package dev.promptops.server.console;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.server.TestServer;
import java.util.List;
import java.util.Map;

/** What the console's tests set up through the API: keys, versions, deployments, eval runs. */
final class ConsoleFixture {
  private ConsoleFixture() {}

  static String key(TestServer server, String name, String role) {
    var r =
        server.post("/api/v1/keys", ADMIN_KEY, Map.of("name", name, "roles", Map.of("shop", role)));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("secret").asText();
  }

  static void push(TestServer server, String source, String message) {
    var r =
        server.post(
            "/api/v1/projects/shop/prompts",
            ADMIN_KEY,
            Map.of(
                "prompts",
                List.of(Map.of("name", "support/reply", "source", source)),
                "message",
                message));
    assertThat(r.status()).as(r.text()).isIn(200, 201);
  }

  static Map<String, Object> deploy(String env, int version) {
    var body = new java.util.LinkedHashMap<String, Object>();
    body.put("env", env);
    body.put("version", version);
    body.put("expectedVersion", null);
    return body;
  }

  /** Uploads a finished run of support/reply@version with these case verdicts; its id. */
  static String upload(TestServer server, int version, List<Boolean> verdicts, boolean gate)
      throws Exception {
    String e = "/api/v1/projects/shop/evals";
    String digest =
        server
            .get("/api/v1/projects/shop/prompts/support/reply?version=" + version, ADMIN_KEY)
            .json()
            .get("digest")
            .asText();
    var started =
        server.post(
            e + "/uploads",
            ADMIN_KEY,
            Map.of("suite", "greet", "suiteDigest", "sha256:" + "b".repeat(64)));
    assertThat(started.status()).as(started.text()).isEqualTo(201);
    String id = started.json().get("id").asText();
    String variant = "support/reply@" + version + " on openai/gpt-4o-mini";
    var batch = new java.util.ArrayList<Object>();
    int passed = 0;
    for (int i = 0; i < verdicts.size(); i++) {
      boolean pass = verdicts.get(i);
      passed += pass ? 1 : 0;
      String name = String.valueOf((char) ('A' + i));
      batch.add(
          dev.promptops.core.json.Json.parse(
              """
              {"variant": "%s", "case": %d, "repeat": 0, "description": "says hi to %s", "vars": {"name": "%s"},
               "pass": %s, "score": %s, "output": {"text": "Hi %s", "latencyMs": 3},
               "assertions": [{"type": "icontains", "value": "x%s", "pass": %s, "score": %s,
                 "reason": "%s"}]}
              """
                  .formatted(
                      variant,
                      i,
                      name,
                      name,
                      pass,
                      pass ? 1 : 0,
                      name,
                      name,
                      pass,
                      pass ? 1 : 0,
                      pass
                          ? "output contains it"
                          : "output does not contain \\\"x" + name + "\\\"")));
    }
    var appended = server.post(e + "/" + id + "/results", ADMIN_KEY, Map.of("results", batch));
    assertThat(appended.status()).as(appended.text()).isEqualTo(200);
    String report =
        """
        {"id": "%s", "suite": "greet", "suiteDigest": "sha256:%s", "startedAt": "2026-12-01T10:00:00Z",
         "finishedAt": "2026-12-01T10:00:01Z", "interrupted": false,
         "gate": {"pass": %s, "reasons": %s, "infrastructure": false},
         "variants": [{"variant": "%s", "prompt": "support/reply", "version": %d,
           "digest": "%s", "provider": "openai/gpt-4o-mini", "baseline": false, "cases": %d, "passed": %d,
           "errors": 0, "meanScore": %s, "metrics": {}, "regressions": [], "worst": []}]}
        """
            .formatted(
                id,
                "b".repeat(64),
                gate,
                gate ? "[]" : "[\"pass rate 66.7% < 100.0%\"]",
                variant,
                version,
                digest,
                verdicts.size(),
                passed,
                (double) passed / verdicts.size());
    var done =
        server.post(
            e + "/" + id + "/report",
            ADMIN_KEY,
            Map.of("report", dev.promptops.core.json.Json.parse(report)));
    assertThat(done.status()).as(done.text()).isEqualTo(200);
    return id;
  }

  /**
   * Reports, as the SDK does, that {@code instance} (of the application shop-web) served
   * support/reply in {@code environment} as {@code digest}, {@code uses} times, just now.
   */
  static void report(
      TestServer server, String instance, String environment, String digest, int uses) {
    String now = java.time.Instant.now().toString();
    var report =
        Map.of(
            "instance",
            Map.of("id", instance, "application", "shop-web", "startedAt", now),
            "served",
            List.of(
                Map.of(
                    "prompt", "support/reply",
                    "environment", environment,
                    "digest", digest,
                    "count", uses,
                    "lastSeen", now)));
    var r = server.post("/api/v1/projects/shop/drift/reports", ADMIN_KEY, report);
    assertThat(r.status()).as(r.text()).isEqualTo(202);
  }
}
