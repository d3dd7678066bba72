package dev.promptops.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ReporterTest {
  final List<ObjectNode> sent = new CopyOnWriteArrayList<>();

  Reporter reporter(Consumer<ObjectNode> send, int maxKeys) {
    ObjectNode instance = Json.object().put("id", "i-1").put("application", "app");
    return new Reporter(instance, send, maxKeys, Duration.ofHours(1), Duration.ofHours(1), false);
  }

  @Test
  void usesAreAggregatedPerKeyAndSentInOneReport() {
    try (var r = reporter(sent::add, 100)) {
      var a = r.use("greet", "production", 2, "sha256:a", false);
      var b = r.use("greet", "production", 1, "sha256:b", true);
      assertThat(r.use("greet", "production", 2, "sha256:a", false)).isSameAs(a);
      for (int i = 0; i < 5; i++) {
        a.record();
      }
      b.record();
      assertThat(r.flush(false)).isTrue();
      JsonNode report = sent.getLast();
      assertThat(report.path("instance").path("id").asText()).isEqualTo("i-1");
      assertThat(report.path("served")).hasSize(2);
      JsonNode first = find(report, "sha256:a");
      assertThat(first.path("count").asLong()).isEqualTo(5);
      assertThat(first.path("version").asInt()).isEqualTo(2);
      assertThat(first.path("fallback").asBoolean()).isFalse();
      assertThat(find(report, "sha256:b").path("fallback").asBoolean()).isTrue();
      // nothing new since: nothing to send (the heartbeat is an hour away)
      int before = sent.size();
      assertThat(r.flush(false)).isTrue();
      assertThat(sent).hasSize(before);
      assertThat(r.flush(true)).isTrue();
      assertThat(sent.getLast().path("served")).isEmpty();
    }
  }

  @Test
  void theCallerNeverWaitsForAHangingSendAndNothingIsLostWhenItFails() throws Exception {
    var entered = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var fail = new java.util.concurrent.atomic.AtomicBoolean(true);
    Consumer<ObjectNode> hanging =
        report -> {
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          if (fail.get()) {
            throw new IllegalStateException("server hangs, then times out");
          }
          sent.add(report);
        };
    var r = reporter(hanging, 100);
    try {
      var use = r.use("greet", "production", 1, "sha256:a", false);
      use.record();
      var flush = new CompletableFuture<Boolean>();
      Thread.ofPlatform().daemon().start(() -> flush.complete(r.flush(false)));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      // the send hangs; uses go on, on this thread, without waiting for it
      for (int i = 0; i < 100_000; i++) {
        use.record();
      }
      assertThat(flush).isNotDone();
      release.countDown();
      assertThat(flush.get(10, TimeUnit.SECONDS)).isFalse();
      assertThat(r.failed()).isOne();

      // the failed report's count was kept and goes with the next one
      fail.set(false);
      assertThat(r.flush(false)).isTrue();
      assertThat(find(sent.getLast(), "sha256:a").path("count").asLong()).isEqualTo(100_001);
    } finally {
      release.countDown();
      r.close();
    }
  }

  @Test
  void keysBeyondTheBoundAreCountedAsDroppedAndReported() {
    try (var r = reporter(sent::add, 2)) {
      r.use("a", "production", 1, "sha256:1", false).record();
      r.use("b", "production", 1, "sha256:2", false).record();
      var over = r.use("c", "production", 1, "sha256:3", false);
      over.record();
      over.record();
      assertThat(r.dropped()).isEqualTo(2);
      assertThat(r.flush(false)).isTrue();
      assertThat(sent.getLast().path("dropped").asLong()).isEqualTo(2);
      assertThat(sent.getLast().path("served")).hasSize(2);
    }
  }

  @Test
  void aLargeReportIsSentInPartsOfAtMostAThousand() {
    try (var r = reporter(sent::add, 5000)) {
      for (int i = 0; i < 2500; i++) {
        r.use("p" + i, "production", 1, "sha256:" + i, false).record();
      }
      assertThat(r.flush(false)).isTrue();
      assertThat(sent).hasSize(3);
      assertThat(sent.stream().mapToInt(s -> s.path("served").size()).sum()).isEqualTo(2500);
      assertThat(sent)
          .allSatisfy(s -> assertThat(s.path("served").size()).isLessThanOrEqualTo(1000));
    }
  }

  @Test
  void anExactVersionIsReportedWithoutEnvironmentAndALocalPromptWithoutVersion() {
    try (var r = reporter(sent::add, 10)) {
      r.use("greet", null, 3, "sha256:x", false).record();
      r.use("greet", "production", 0, "sha256:y", false).record();
      r.flush(false);
      assertThat(find(sent.getLast(), "sha256:x").path("environment").isNull()).isTrue();
      assertThat(find(sent.getLast(), "sha256:y").path("version").isNull()).isTrue();
    }
  }

  private static JsonNode find(JsonNode report, String digest) {
    for (JsonNode s : report.path("served")) {
      if (s.path("digest").asText().equals(digest)) {
        return s;
      }
    }
    throw new AssertionError("no " + digest + " in " + report);
  }
}
