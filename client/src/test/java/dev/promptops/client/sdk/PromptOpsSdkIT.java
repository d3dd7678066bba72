package dev.promptops.client.sdk;

import static dev.promptops.client.sdk.SdkServer.PROJECT;
import static dev.promptops.client.sdk.SdkServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Selector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK against a real server on port 0: local rendering identical to the server's, caching,
 * conditional refreshes, the snapshot fallback, and the drift scenarios of several instances (in
 * this JVM and one in a JVM of its own).
 */
class PromptOpsSdkIT {
  static final String TONE = "Be {{#if warm}}warm{{else}}brief{{/if}}.";
  static final String GREET_1 =
      "---\ninput:\n  schema:\n    name: string\n    warm?: boolean\n---\n"
          + "{{role \"system\"}}{{> tone}}\n{{role \"user\"}}Hi {{name}}!";
  static final String GREET_2 = GREET_1.replace("Hi", "Hello");
  static final Map<String, Object> VARS = Map.of("name", "Ada", "warm", true);

  @TempDir Path data;
  @TempDir Path work;
  SdkServer server;

  @BeforeEach
  void project() {
    server = new SdkServer(data);
    server.admin.createProject(PROJECT, null, null);
    server.push("_tone", TONE);
  }

  @org.junit.jupiter.api.AfterEach
  void stop() {
    server.close();
  }

  @Test
  void rendersLocallyWhatTheServerRenders() {
    int v1 = server.push("greet", GREET_1);
    server.deploy("greet", v1, "production");
    try (var sdk = server.sdk("a").build()) {
      Prompt p = sdk.get("greet");
      var local = p.render(VARS);
      var remote =
          server.admin.render(
              PROJECT,
              "greet",
              new Selector.Env("production"),
              RenderData.of(Json.mapper().valueToTree(VARS)),
              null);
      assertThat(local.messages()).isEqualTo(remote.messages());
      assertThat(local.metadata()).isEqualTo(remote.metadata());
      assertThat(p.digest()).isEqualTo(remote.digest());
      assertThat(p.version()).isEqualTo(v1);
      assertThat(p.origin()).isEqualTo(Prompt.Origin.SERVER);
      assertThat(p.components())
          .singleElement()
          .satisfies(c -> assertThat(c.name()).isEqualTo("_tone"));
      assertThat(sdk.version("greet", v1)).isSameAs(sdk.version("greet", v1));
      assertThatThrownBy(() -> sdk.get("nothing"))
          .isInstanceOfSatisfying(
              PromptOpsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
      assertThatThrownBy(() -> sdk.get("greet").render(Map.of("warm", "yes")))
          .hasMessageContaining("name");
    }
  }

  @Test
  void cachesRevalidatesConditionallyAndServesTheCacheWhileTheServerIsDown() throws Exception {
    int v1 = server.push("greet", GREET_1);
    int v2 = server.push("greet", GREET_2);
    server.deploy("greet", v1, "production");
    try (var sdk = server.sdk("a").cacheTtl(Duration.ofMillis(100)).build()) {
      Prompt first = sdk.get("greet");
      assertThat(sdk.get("greet")).isSameAs(first);
      Thread.sleep(150);
      // stale: served at once while one refresh asks the server, which answers 304 Not Modified,
      // so the same compiled prompt stays
      assertThat(sdk.get("greet")).isSameAs(first);
      sdk.refresh();
      assertThat(sdk.get("greet")).isSameAs(first);
      server.deploy("greet", v2, "production");
      await("v2 served", () -> sdk.get("greet").version() == v2);
      Prompt second = sdk.get("greet");
      assertThat(second.render(VARS).messages().toString()).contains("Hello Ada!");
      Prompt exact = sdk.version("greet", v1);

      server.stop();
      Thread.sleep(150);
      assertThat(sdk.get("greet")).isSameAs(second);
      sdk.refresh();
      assertThat(sdk.get("greet")).isSameAs(second);
      assertThat(sdk.version("greet", v1)).isSameAs(exact);
      assertThatThrownBy(() -> sdk.version("greet", 7))
          .isInstanceOfSatisfying(
              PromptOpsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    } finally {
      server.restart();
    }
  }

  @Test
  void aSnapshotServesWhenTheServerIsDownAndFallbackIsReportedWhenItIsBack() throws Exception {
    int v1 = server.push("greet", GREET_1);
    server.deploy("greet", v1, "production");
    Path file = work.resolve("prompts.snapshot.json");
    Files.writeString(
        file,
        Json.writePretty(Snapshot.export(server.admin, PROJECT, "production", Instant.now())));
    Snapshot snapshot = Snapshot.read(file);
    assertThat(snapshot.names()).containsExactly("greet");

    String digest;
    try (var cached = server.sdk("cached").build()) {
      digest = cached.get("greet").digest();
      server.stop();
      // the server is down: what is cached is served
      assertThat(cached.get("greet").fallback()).isFalse();
      // nothing cached: the snapshot is, and says so
      try (var fresh =
          server.sdk("fresh").snapshot(snapshot).retryEvery(Duration.ofMillis(100)).build()) {
        Prompt p = fresh.get("greet");
        assertThat(p.fallback()).isTrue();
        assertThat(p.origin()).isEqualTo(Prompt.Origin.SNAPSHOT);
        assertThat(p.digest()).isEqualTo(digest);
        assertThat(p.render(VARS).messages())
            .isEqualTo(cached.get("greet").render(VARS).messages());
        assertThat(fresh.flushReport()).isFalse(); // kept for later
        try (var none = server.sdk("none").build()) {
          assertThatThrownBy(() -> none.get("greet"))
              .isInstanceOfSatisfying(
                  PromptOpsException.class,
                  e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
        }

        server.restart();
        assertThat(fresh.flushReport()).isTrue();
        await(
            "a fallback incident naming the instance",
            () -> open("fallback").stream().anyMatch(i -> i.toString().contains("fresh")));
        // the next lookups ask the server again and serve its answer instead
        await("the server's version served", () -> !fresh.get("greet").fallback());
        fresh.get("greet").render(VARS);
        assertThat(fresh.flushReport()).isTrue();
        await("the fallback incident resolved", () -> open("fallback").isEmpty());
      }
    }
  }

  @Test
  void deployingV2ConvergesEveryInstanceAndIsConfirmed() throws Exception {
    int v1 = server.push("greet", GREET_1);
    int v2 = server.push("greet", GREET_2);
    server.deploy("greet", v1, "production");
    var sdks = new ArrayList<PromptOps>();
    Process child = null;
    try {
      for (String id : List.of("checkout-1", "checkout-2", "checkout-3")) {
        sdks.add(server.sdk(id).cacheTtl(Duration.ofMillis(200)).build());
      }
      child = childInstance("checkout-jvm");
      var lines = lines(child);
      assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo("serving " + v1);
      serveAll(sdks);

      long deployment = server.deploy("greet", v2, "production");
      assertThat(lines.poll(30, TimeUnit.SECONDS)).isEqualTo("serving " + v2);
      await(
          "deployment confirmed",
          () -> {
            serveAll(sdks);
            return "confirmed".equals(confirmation(deployment).path("state").asText());
          });
      JsonNode confirmed = confirmation(deployment);
      assertThat(Json.mapper().convertValue(confirmed.path("converged"), List.class))
          .contains("checkout-1", "checkout-2", "checkout-3", "checkout-jvm");
      assertThat(confirmed.path("tookMillis").asLong()).isPositive();
      assertThat(confirmed.path("lagging")).isEmpty();
    } finally {
      sdks.forEach(PromptOps::close);
      if (child != null) {
        child.getOutputStream().close();
        if (!child.waitFor(20, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      }
    }
  }

  @Test
  void aStaleCacheOpensAStaleIncidentThatResolvesOnRefresh() {
    int v1 = server.push("greet", GREET_1);
    int v2 = server.push("greet", GREET_2);
    server.deploy("greet", v1, "production");
    try (var fresh = server.sdk("fresh-1").cacheTtl(Duration.ofMillis(100)).build();
        var stuck = server.sdk("stuck-1").cacheTtl(Duration.ofHours(1)).build()) {
      serveAll(List.of(fresh, stuck));
      server.deploy("greet", v2, "production");
      await(
          "a stale incident naming stuck-1",
          () -> {
            serveAll(List.of(fresh, stuck));
            return open("stale").stream()
                .anyMatch(
                    i ->
                        i.path("instances").toString().contains("stuck-1")
                            && i.path("version").asInt() == v1
                            && i.path("expectedVersion").asInt() == v2);
          });
      assertThat(open("stale")).allSatisfy(i -> assertThat(i.toString()).doesNotContain("fresh-1"));
      stuck.refresh();
      assertThat(stuck.get("greet").version()).isEqualTo(v2);
      await(
          "the stale incident resolved",
          () -> {
            serveAll(List.of(fresh, stuck));
            return open("stale").isEmpty();
          });
    }
  }

  @Test
  void aModifiedPromptOpensAnUnknownIncident() {
    int v1 = server.push("greet", GREET_1);
    server.deploy("greet", v1, "production");
    try (var sdk = server.sdk("hand-edited").build()) {
      Prompt edited = sdk.local("greet", "Hi {{name}}, this was edited by hand.");
      edited.render(VARS);
      assertThat(sdk.flushReport()).isTrue();
      await(
          "an unknown incident",
          () ->
              open("unknown").stream()
                  .anyMatch(
                      i ->
                          i.path("digest").asText().equals(edited.digest())
                              && i.path("instances").toString().contains("hand-edited")));
      assertThatThrownBy(() -> edited.execute(VARS)).hasMessageContaining("is local");
    }
  }

  private static void serveAll(List<PromptOps> sdks) {
    for (PromptOps sdk : sdks) {
      sdk.get("greet").render(VARS);
      sdk.flushReport();
    }
  }

  private JsonNode confirmation(long deployment) {
    return server.admin.confirmation(PROJECT, deployment);
  }

  private List<JsonNode> open(String kind) {
    var out = new ArrayList<JsonNode>();
    for (JsonNode i : server.admin.incidents(PROJECT, null, "production", 100).path("incidents")) {
      if (i.path("kind").asText().equals(kind) && !i.path("state").asText().equals("resolved")) {
        out.add(i);
      }
    }
    return out;
  }

  private Process childInstance(String id) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            SdkInstanceMain.class.getName(),
            server.url(),
            SdkServer.KEY,
            PROJECT,
            "production",
            "greet",
            id)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static LinkedBlockingQueue<String> lines(Process p) {
    var queue = new LinkedBlockingQueue<String>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (var in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  queue.add(line);
                }
              } catch (java.io.IOException e) {
                queue.add("read failed: " + e.getMessage());
              }
            });
    return queue;
  }
}
