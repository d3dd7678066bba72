package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.promptops.core.json.Json;
import dev.promptops.core.webhook.WebhookSignature;
import dev.promptops.server.TestServer;
import dev.promptops.server.TestServer.Resp;
import dev.promptops.server.webhook.WebhookSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks on a real server, delivered to a receiver on 127.0.0.1 that fails when told to: retried
 * with backoff, signed on every attempt with the same delivery id, logged; queued in the
 * transaction of the change (a refused change sends nothing); and still sent after a restart, no
 * sooner than the receiver's Retry-After.
 */
class WebhooksIT {
  static final String P = "/api/v1/projects/shop";
  static final String W = P + "/webhooks";
  static final Map<String, String> FAST =
      Map.of(WebhookSettings.RETRY_DELAYS, "300ms,300ms,300ms", WebhookSettings.POLL, "50ms");

  @TempDir Path dir;
  Receiver receiver;
  TestServer server;

  @BeforeEach
  void start() throws IOException {
    receiver = Receiver.start();
    server = TestServer.start(TestServer.config(dir, null).withEnvironment(FAST));
    ok(server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop")));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    receiver.close();
  }

  @Test
  void aDeployIsRetriedAfterTheReceiverFailsAndArrivesSignedWithOneIdempotencyKey()
      throws Exception {
    deploy("greet", 1, null);
    JsonNode hook = subscribe(List.of("deployment.created"));
    String secret = hook.get("secret").asText();
    receiver.answer(500, 500, 204);
    deploy("greet", 2, 1);

    List<Received> got = receiver.await(3);
    assertThat(got).extracting(Received::delivery).containsOnly(got.getFirst().delivery());
    assertThat(got).extracting(Received::body).containsOnly(got.getFirst().body());
    for (Received r : got) {
      assertThat(r.event()).isEqualTo("deployment.created");
      assertThat(WebhookSignature.verify(secret, r.timestamp(), r.signature(), r.body()))
          .as("signature of " + r)
          .isTrue();
      assertThat(WebhookSignature.verify("whsec_wrong", r.timestamp(), r.signature(), r.body()))
          .isFalse();
    }
    for (int i = 1; i < got.size(); i++) {
      assertThat(Duration.between(got.get(i - 1).at(), got.get(i).at()))
          .as("backoff before attempt " + (i + 1))
          .isGreaterThanOrEqualTo(Duration.ofMillis(230));
    }
    JsonNode payload = Json.parse(got.getFirst().body());
    assertThat(payload.get("id").asText()).isEqualTo(got.getFirst().delivery());
    assertThat(payload.get("event").asText()).isEqualTo("deployment.created");
    assertThat(payload.get("project").asText()).isEqualTo("shop");
    assertThat(payload.get("target").asText()).isEqualTo("greet");
    assertThat(payload.get("actor").asText()).isEqualTo("admin");
    assertThat(payload.at("/data/target").asText()).isEqualTo("production");
    assertThat(payload.at("/data/fromVersion").asInt()).isEqualTo(1);
    assertThat(payload.at("/data/toVersion").asInt()).isEqualTo(2);
    assertThat(payload.get("auditSeq").asLong()).isPositive();

    JsonNode log = awaitStatus(hook, "delivered");
    assertThat(log.get("id").asText()).isEqualTo(got.getFirst().delivery());
    assertThat(log.get("attempts").asInt()).isEqualTo(3);
    assertThat(log.get("lastStatusCode").asInt()).isEqualTo(204);
    assertThat(log.get("lastError").isNull()).isTrue();
    JsonNode one =
        ok(server.get(W + "/" + id(hook) + "/deliveries/" + log.get("id").asText(), ADMIN_KEY))
            .json();
    assertThat(Json.write(one.get("payload"))).isEqualTo(Json.write(payload));

    String everything =
        ok(server.get(W + "/" + id(hook), ADMIN_KEY)).text()
            + ok(server.get(W, ADMIN_KEY)).text()
            + ok(server.get(P + "/audit", ADMIN_KEY)).text();
    assertThat(everything).doesNotContain(secret).contains("webhook.create");
  }

  @Test
  void aRefusedDeployQueuesNothing() throws Exception {
    deploy("greet", 1, null);
    JsonNode hook = subscribe(List.of("*"));
    receiver.answer(204);
    push("greet", 2);
    Resp refused =
        server.post(
            P + "/prompts/greet/-/deploy",
            ADMIN_KEY,
            Map.of("env", "production", "version", 2, "expectedVersion", 2));
    assertThat(refused.status()).as(refused.text()).isEqualTo(409);

    List<Received> got = receiver.await(1);
    assertThat(got).extracting(Received::event).containsExactly("version.created");
    Thread.sleep(300);
    assertThat(receiver.received()).hasSize(1);
    assertThat(deliveries(hook)).hasSize(1);
  }

  @Test
  void aDeliveryThatKeepsFailingFailsAndARedeliveryKeepsItsIdAndBody() throws Exception {
    JsonNode hook = subscribe(List.of("*"));
    receiver.answer(410, 410, 410, 410);
    ok(server.post(W + "/" + id(hook) + "/ping", ADMIN_KEY, Map.of()));

    JsonNode failed = awaitStatus(hook, "failed");
    assertThat(failed.get("attempts").asInt()).isEqualTo(4);
    assertThat(failed.get("lastStatusCode").asInt()).isEqualTo(410);
    assertThat(failed.get("lastError").asText()).isEqualTo("HTTP 410: gone for now");
    assertThat(failed.get("nextAttemptAt").isNull()).isTrue();

    receiver.answer(200);
    Resp again =
        server.post(
            W + "/" + id(hook) + "/deliveries/" + failed.get("id").asText() + "/redeliver",
            ADMIN_KEY,
            Map.of());
    assertThat(again.status()).as(again.text()).isEqualTo(202);
    JsonNode delivered = awaitStatus(hook, "delivered");
    assertThat(delivered.get("attempts").asInt()).isEqualTo(1);
    List<Received> got = receiver.await(5);
    assertThat(got).extracting(Received::delivery).containsOnly(failed.get("id").asText());
    assertThat(got).extracting(Received::body).containsOnly(got.getFirst().body());
    assertThat(got.getFirst().event()).isEqualTo("ping");
  }

  @Test
  void aPendingDeliveryGoesOutAfterARestartWhenItsRetryAfterIsDue() throws Exception {
    JsonNode hook = subscribe(List.of("*"));
    receiver.answer(503);
    push("greet", 1);
    receiver.await(1);
    server.close();
    server = null;

    receiver.answer(201);
    server = TestServer.start(TestServer.config(dir, null).withEnvironment(FAST));
    JsonNode delivered = awaitStatus(hook, "delivered");
    assertThat(delivered.get("event").asText()).isEqualTo("version.created");
    assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
    List<Received> got = receiver.await(2);
    assertThat(got).hasSize(2);
    assertThat(got).extracting(Received::delivery).containsOnly(delivered.get("id").asText());
    assertThat(Duration.between(got.get(0).at(), got.get(1).at()))
        .as("the receiver's Retry-After: 2")
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(
            WebhookSignature.verify(
                hook.get("secret").asText(),
                got.getLast().timestamp(),
                got.getLast().signature(),
                got.getLast().body()))
        .isTrue();
  }

  @Test
  void subscriptionsAreCheckedUpdatedAndRotated() {
    Resp bad = server.post(W, ADMIN_KEY, Map.of("url", "file:///etc/passwd"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorCode()).isEqualTo("invalid_url");
    Resp unknown = server.post(W, ADMIN_KEY, Map.of("url", receiver.url(), "event", List.of("*")));
    assertThat(unknown.errorCode()).isEqualTo("unknown_field");
    Resp misspelt =
        server.post(W, ADMIN_KEY, Map.of("url", receiver.url(), "events", List.of("deploy")));
    assertThat(misspelt.errorCode()).isEqualTo("unknown_event");
    assertThat(misspelt.json().at("/error/hint").asText()).contains("deployment.created");

    JsonNode hook = subscribe(List.of("*"));
    JsonNode updated =
        ok(server.call(
                "PATCH",
                W + "/" + id(hook),
                ADMIN_KEY,
                Json.write(Map.of("events", List.of("version.created"), "enabled", false)),
                Map.of()))
            .json();
    assertThat(updated.get("enabled").asBoolean()).isFalse();
    assertThat(updated.get("events").toString()).isEqualTo("[\"version.created\"]");
    assertThat(updated.has("secret")).isFalse();
    JsonNode rotated =
        ok(server.post(W + "/" + id(hook) + "/rotate-secret", ADMIN_KEY, Map.of())).json();
    assertThat(rotated.get("secret").asText())
        .startsWith("whsec_")
        .isNotEqualTo(hook.get("secret").asText());
    ok(server.delete(W + "/" + id(hook), ADMIN_KEY));
    assertThat(server.get(W + "/" + id(hook), ADMIN_KEY).status()).isEqualTo(404);
  }

  @Test
  void afterARotationThatKeepsThePreviousSecretBothVerify() throws Exception {
    JsonNode hook = subscribe(List.of("*"));
    String old = hook.get("secret").asText();
    JsonNode rotated =
        ok(server.post(
                W + "/" + id(hook) + "/rotate-secret",
                ADMIN_KEY,
                Map.of("keepPreviousSeconds", 3600)))
            .json();
    String current = rotated.get("secret").asText();
    assertThat(rotated.get("previousSecretUntil").asText()).isNotEmpty();
    receiver.answer(204);
    ok(server.post(W + "/" + id(hook) + "/ping", ADMIN_KEY, Map.of()));

    Received r = receiver.await(1).getFirst();
    assertThat(r.signature()).matches("v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
    assertThat(WebhookSignature.verify(current, r.timestamp(), r.signature(), r.body())).isTrue();
    assertThat(WebhookSignature.verify(old, r.timestamp(), r.signature(), r.body())).isTrue();
    assertThat(
            server
                .post(
                    W + "/" + id(hook) + "/rotate-secret",
                    ADMIN_KEY,
                    Map.of("keepPreviousSeconds", 8 * 86400))
                .errorCode())
        .isEqualTo("invalid_keep_previous");
  }

  // ---- helpers

  JsonNode subscribe(List<String> events) {
    Resp r = server.post(W, ADMIN_KEY, Map.of("url", receiver.url(), "events", events));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  static String id(JsonNode hook) {
    return hook.get("id").asText();
  }

  List<JsonNode> deliveries(JsonNode hook) {
    var out = new ArrayList<JsonNode>();
    ok(server.get(W + "/" + id(hook) + "/deliveries", ADMIN_KEY))
        .json()
        .get("deliveries")
        .forEach(out::add);
    return out;
  }

  /** The newest delivery of a webhook once it has {@code status}. */
  JsonNode awaitStatus(JsonNode hook, String status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      List<JsonNode> log = deliveries(hook);
      if (!log.isEmpty() && log.getFirst().get("status").asText().equals(status)) {
        return log.getFirst();
      }
      assertThat(System.nanoTime())
          .as("deliveries " + log + " never " + status)
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  void push(String name, int n) {
    String source = "---\nmodel: openai/gpt-4o-mini\n---\nHello {{name}} #" + n + "\n";
    ok(
        server.post(
            P + "/prompts",
            ADMIN_KEY,
            Map.of("prompts", List.of(Map.of("name", name, "source", source)))));
  }

  void deploy(String name, int version, Integer expected) {
    push(name, version);
    var body = new LinkedHashMap<String, Object>();
    body.put("env", "production");
    body.put("version", version);
    body.put("expectedVersion", expected);
    ok(server.post(P + "/prompts/" + name + "/-/deploy", ADMIN_KEY, body));
  }

  static Resp ok(Resp r) {
    assertThat(r.status()).as(r.text()).isBetween(200, 299);
    return r;
  }

  /** One request the receiver got. */
  record Received(
      Instant at, String event, String delivery, String timestamp, String signature, String body) {}

  /** An HTTP receiver on 127.0.0.1 answering the statuses it is given, then 204. */
  static final class Receiver implements AutoCloseable {
    private final HttpServer http;
    private final ConcurrentLinkedDeque<Integer> answers = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private Receiver(HttpServer http) {
      this.http = http;
    }

    static Receiver start() throws IOException {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      var receiver = new Receiver(http);
      http.createContext(
          "/hook",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            receiver.received.add(
                new Received(
                    Instant.now(),
                    h.getFirst("PromptOps-Event"),
                    h.getFirst("PromptOps-Delivery"),
                    h.getFirst("PromptOps-Timestamp"),
                    h.getFirst("PromptOps-Signature"),
                    body));
            Integer next =
                receiver.answers.size() > 1 ? receiver.answers.poll() : receiver.answers.peek();
            int status = next == null ? 204 : next;
            byte[] answer =
                status == 410 ? "gone\n for now".getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (status == 503) {
              exchange.getResponseHeaders().add("Retry-After", "2");
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
              exchange.getResponseBody().write(answer);
            }
            exchange.close();
          });
      http.start();
      return receiver;
    }

    /** Answers these statuses in turn, the last one from then on. */
    void answer(Integer... statuses) {
      answers.clear();
      answers.addAll(List.of(statuses));
    }

    String url() {
      return "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
      return List.copyOf(received);
    }

    /** What it got once it got at least {@code n} requests. */
    List<Received> await(int n) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (received.size() < n) {
        assertThat(System.nanoTime()).as("got only " + received).isLessThan(deadline);
        Thread.sleep(20);
      }
      return received();
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }
}
