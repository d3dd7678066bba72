package dev.promptops.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.prompt.PromptDigest;
import dev.promptops.core.prompt.PromptFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading snapshots, and serving one when the server does not answer at all. */
class SnapshotTest {
  static final String TONE = "Be brief.";
  static final String GREET = "{{> tone}} Hi {{name}}!";

  static final String OFFLINE = "http://127.0.0.1:9";

  @TempDir Path dir;

  static ObjectNode snapshot(String greetSource, String toneSource) {
    String tone = PromptDigest.of(PromptFile.parse(TONE, "t"), List.of());
    String greet =
        PromptDigest.of(PromptFile.parse(GREET, "g"), List.of(new ComponentPin("_tone", 1, tone)));
    ObjectNode root = Json.object().put("format", Snapshot.FORMAT).put("project", "shop");
    root.put("environment", "production").put("exportedAt", "2026-12-03T10:00:00Z");
    ObjectNode p =
        root.putArray("prompts")
            .addObject()
            .put("name", "greet")
            .put("version", 4)
            .put("digest", greet)
            .put("source", greetSource);
    p.putArray("components")
        .addObject()
        .put("name", "_tone")
        .put("version", 1)
        .put("digest", tone)
        .put("source", toneSource)
        .putArray("components");
    return root;
  }

  Path write(ObjectNode snapshot) throws Exception {
    Path file = dir.resolve("prompts.snapshot.json");
    Files.writeString(file, Json.write(snapshot));
    return file;
  }

  @Test
  void aServerThatHangsFallsBackToTheSnapshotWithinTheRequestTimeout() throws Exception {
    try (var hanging = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        var sdk =
            sdk("http://127.0.0.1:" + hanging.getLocalPort(), snapshot(GREET, TONE))
                .requestTimeout(Duration.ofMillis(300))
                .reportTimeout(Duration.ofMillis(300))
                .build()) {
      Prompt p = sdk.get("greet");
      assertThat(p.fallback()).isTrue();
      assertThat(p.version()).isEqualTo(4);
      assertThat(p.digest())
          .isEqualTo(snapshot(GREET, TONE).path("prompts").get(0).path("digest").asText());
      assertThat(p.render(Map.of("name", "Ada")).messages().toString())
          .contains("Be brief. Hi Ada!");
      // a report to the hanging server gives up after its own timeout and keeps the uses
      assertThat(sdk.flushReport()).isFalse();
      assertThat(sdk.get("greet")).isSameAs(p);
    }
  }

  @Test
  void rendersGoOnWhileAReportHangsOnTheServer() throws Exception {
    try (var hanging = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        var sdk =
            sdk("http://127.0.0.1:" + hanging.getLocalPort(), snapshot(GREET, TONE))
                .requestTimeout(Duration.ofMillis(300))
                .reportTimeout(Duration.ofSeconds(20))
                .reporting(false)
                .build()) {
      Prompt p = sdk.get("greet");
      p.render(Map.of("name", "Ada"));
      var report = new java.util.concurrent.CompletableFuture<Boolean>();
      Thread.ofPlatform().daemon().start(() -> report.complete(sdk.flushReport()));
      // the report is on its way to a server that never answers; uses go on meanwhile
      Thread.sleep(200);
      for (int i = 0; i < 10_000; i++) {
        sdk.get("greet").render(Map.of("name", "Ada"));
      }
      assertThat(report).isNotDone();
      assertThat(sdk.droppedUses()).isZero();
    }
  }

  @Test
  void aHandEditedSourceIsServedUnderItsOwnDigest() throws Exception {
    try (var sdk = offline(snapshot(GREET, "Be rude."))) {
      Prompt p = sdk.get("greet");
      assertThat(p.digest())
          .isNotEqualTo(snapshot(GREET, TONE).path("prompts").get(0).path("digest").asText());
      assertThat(p.render(Map.of("name", "Ada")).messages().toString()).contains("Be rude.");
    }
  }

  @Test
  void aSnapshotOfAnotherEnvironmentOrProjectIsNotServed() throws Exception {
    Snapshot s = Snapshot.read(write(snapshot(GREET, TONE)));
    try (var sdk = offline(snapshot(GREET, TONE))) {
      assertThatThrownBy(() -> sdk.get("greet", "staging")).isInstanceOf(PromptOpsException.class);
      assertThatThrownBy(() -> sdk.get("other")).isInstanceOf(PromptOpsException.class);
    }
    assertThatThrownBy(
            () ->
                PromptOps.builder()
                    .server("http://127.0.0.1:9")
                    .project("blog")
                    .snapshot(s)
                    .build())
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.getMessage()).isEqualTo("the snapshot is of project shop, not blog"));
  }

  @Test
  void aClosedSdkStillServesWhatItHolds() throws Exception {
    PromptOps sdk =
        sdk(OFFLINE, snapshot(GREET, TONE))
            .reporting(false)
            .retryEvery(Duration.ofMillis(50))
            .build();
    Prompt p = sdk.get("greet");
    sdk.close();
    Thread.sleep(100);
    // past retryEvery a refresh would start; closed, none can, and the lookup still answers
    assertThat(sdk.get("greet")).isSameAs(p);
    assertThatThrownBy(() -> sdk.get("greet", null)).hasMessageContaining("no environment");
  }

  @Test
  void theBuilderTakesTheProcessEnvironment() {
    try (var sdk =
        PromptOps.builder()
            .fromEnvironment(
                Map.of(
                    "PROMPTOPS_URL", "http://127.0.0.1:9",
                    "PROMPTOPS_PROJECT", "shop",
                    "PROMPTOPS_ENVIRONMENT", "staging",
                    "PROMPTOPS_APPLICATION", "checkout",
                    "PROMPTOPS_INSTANCE_ID", " "))
            .reporting(false)
            .build()) {
      assertThat(sdk.project()).isEqualTo("shop");
      assertThat(sdk.environment()).isEqualTo("staging");
      assertThat(sdk.instanceId()).startsWith("checkout-");
      assertThat(sdk.client().baseUrl()).isEqualTo("http://127.0.0.1:9");
    }
    assertThatThrownBy(() -> PromptOps.builder().fromEnvironment(Map.of()).build())
        .hasMessage("no PromptOps server given");
  }

  @Test
  void badSnapshotsAreRefusedSayingWhy() throws Exception {
    assertThatThrownBy(() -> Snapshot.read(dir.resolve("missing.json")))
        .hasMessageContaining("does not exist")
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.hint()).contains("promptops export --env ENV -o"));
    Files.writeString(dir.resolve("x.json"), "{not json");
    assertThatThrownBy(() -> Snapshot.read(dir.resolve("x.json"))).hasMessageContaining("not JSON");
    ObjectNode wrong = snapshot(GREET, TONE).put("format", "other/1");
    assertThatThrownBy(() -> Snapshot.read(write(wrong)))
        .hasMessageContaining("'format' is not promptops-snapshot/1");
    ObjectNode noVersion = snapshot(GREET, TONE);
    ((ObjectNode) noVersion.path("prompts").get(0)).remove("version");
    assertThatThrownBy(() -> Snapshot.read(write(noVersion)))
        .hasMessageContaining("'version' missing or not a positive number");
    assertThatThrownBy(() -> Snapshot.resource("no-such.json"))
        .hasMessageContaining("no class path resource");
  }

  /**
   * An SDK of project shop in production with {@code snapshot}; {@link #OFFLINE} refuses
   * connections at once (port 9 on loopback: nothing listens).
   */
  private PromptOps.Builder sdk(String server, ObjectNode snapshot) throws Exception {
    return PromptOps.builder()
        .server(server)
        .project("shop")
        .environment("production")
        .snapshot(Snapshot.read(write(snapshot)));
  }

  private PromptOps offline(ObjectNode snapshot) throws Exception {
    return sdk(OFFLINE, snapshot).reporting(false).build();
  }
}
