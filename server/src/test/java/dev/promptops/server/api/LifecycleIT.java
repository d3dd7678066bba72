package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.server.PromptOpsServer;
import dev.promptops.server.ServerConfig;
import dev.promptops.server.TestServer;
import dev.promptops.server.TestServer.Resp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart, concurrent deploys, first-start key generation, shutdown. */
class LifecycleIT {
  static final String REPLY = "/api/v1/projects/shop/prompts/support/reply";

  @TempDir Path dir;

  @Test
  void everythingSurvivesARestart() {
    String digest;
    try (var server = TestServer.sqlite(dir)) {
      server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
      server.post(
          "/api/v1/projects/shop/prompts",
          ADMIN_KEY,
          Map.of("prompts", List.of(Map.of("name", "support/reply", "source", "Hello\n"))));
      server.post(REPLY + "/-/deploy", ADMIN_KEY, deploy("production", 1, null));
      digest = server.get(REPLY, ADMIN_KEY).json().get("digest").asText();
    }
    try (var again = TestServer.sqlite(dir)) {
      assertThat(again.console()).doesNotContain("created");
      Resp r = again.get(REPLY, ADMIN_KEY);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("digest").asText()).isEqualTo(digest);
      assertThat(again.get(REPLY + "/-/history", ADMIN_KEY).json().get("deployments")).hasSize(1);
      assertThat(again.get("/api/v1/audit/verify", ADMIN_KEY).json().get("ok").asBoolean())
          .isTrue();
    }
  }

  @Test
  void concurrentDeploysWithTheSameExpectationHaveOneWinner() throws Exception {
    try (var server = TestServer.sqlite(dir)) {
      server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
      for (int i = 1; i <= 32; i++) {
        server.post(
            "/api/v1/projects/shop/prompts",
            ADMIN_KEY,
            Map.of("prompts", List.of(Map.of("name", "support/reply", "source", "v" + i + "\n"))));
      }
      var start = new CountDownLatch(1);
      var results = new ArrayList<Future<Resp>>();
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 1; i <= 32; i++) {
          int version = i;
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return server.post(
                        REPLY + "/-/deploy", ADMIN_KEY, deploy("staging", version, null));
                  }));
        }
        start.countDown();
        int ok = 0;
        int conflicts = 0;
        for (Future<Resp> f : results) {
          int status = f.get().status();
          ok += status == 200 ? 1 : 0;
          conflicts += status == 409 ? 1 : 0;
        }
        assertThat(ok).isEqualTo(1);
        assertThat(conflicts).isEqualTo(31);
      }
      assertThat(server.get(REPLY + "/-/history", ADMIN_KEY).json().get("deployments")).hasSize(1);
      Resp verify = server.get("/api/v1/audit/verify", ADMIN_KEY);
      assertThat(verify.json().get("ok").asBoolean()).as(verify.text()).isTrue();
      assertThat(
              server.get("/api/v1/audit?action=deployment.deploy", ADMIN_KEY).json().get("entries"))
          .hasSize(1);
    }
  }

  @Test
  void firstStartWithoutAPresetKeyPrintsOneOnce() throws Exception {
    var out = new ByteArrayOutputStream();
    var config = new ServerConfig("127.0.0.1", 0, dir, null, null, null, 1 << 20, null);
    String key;
    try (var server =
        PromptOpsServer.start(config, new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String console = out.toString(StandardCharsets.UTF_8);
      assertThat(console).contains("shown only this once");
      key = console.lines().filter(l -> l.contains("PROMPTOPS_API_KEY=")).findFirst().orElseThrow();
      key = key.substring(key.indexOf('=') + 1).strip();
      assertThat(key).startsWith("po_").hasSize(43);
    }
    var out2 = new ByteArrayOutputStream();
    try (var server =
        PromptOpsServer.start(config, new PrintStream(out2, true, StandardCharsets.UTF_8))) {
      assertThat(out2.toString(StandardCharsets.UTF_8)).isEmpty();
      var http = java.net.http.HttpClient.newHttpClient();
      var req =
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/v1/whoami"))
              .header("Authorization", "Bearer " + key)
              .build();
      assertThat(http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void stopClosesTheListener() throws Exception {
    var server = TestServer.sqlite(dir);
    int port = server.server().port();
    assertThat(server.get("/healthz", null).status()).isEqualTo(200);
    server.close();
    server.close();
    boolean refused;
    try (var socket = new Socket("127.0.0.1", port)) {
      refused = false;
    } catch (ConnectException e) {
      refused = true;
    }
    assertThat(refused).isTrue();
  }

  static Map<String, Object> deploy(String env, int version, Integer expected) {
    var body = new LinkedHashMap<String, Object>();
    body.put("env", env);
    body.put("version", version);
    body.put("expectedVersion", expected);
    return body;
  }
}
