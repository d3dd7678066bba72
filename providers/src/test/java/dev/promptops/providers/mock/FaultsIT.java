package dev.promptops.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected faults over HTTP, in each protocol's error format. */
class FaultsIT {
  static MockLlmServer mock;
  static MockHttp http;

  /** One chat request per protocol, for the model {@code model}. */
  record Probe(MockProtocol protocol, String path, String body) {}

  static List<Probe> probes(String model, boolean stream) {
    String s = stream ? ", \"stream\": true" : ", \"stream\": false";
    String user = "[{\"role\": \"user\", \"content\": \"hi there\"}]";
    return List.of(
        new Probe(
            MockProtocol.OPENAI,
            "/v1/chat/completions",
            "{\"model\": \"" + model + "\", \"messages\": " + user + s + "}"),
        new Probe(
            MockProtocol.ANTHROPIC,
            "/v1/messages",
            "{\"model\": \"" + model + "\", \"max_tokens\": 50, \"messages\": " + user + s + "}"),
        new Probe(
            MockProtocol.GEMINI,
            "/v1beta/models/"
                + model
                + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"),
            "{\"contents\": [{\"parts\": [{\"text\": \"hi there\"}]}]}"),
        new Probe(
            MockProtocol.OLLAMA,
            "/api/chat",
            "{\"model\": \"" + model + "\", \"messages\": " + user + s + "}"));
  }

  @BeforeAll
  static void start() {
    mock = MockLlmServer.start(MockLlmConfig.defaults().withMaxHold(Duration.ofSeconds(5)));
    http = new MockHttp(mock);
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  @BeforeEach
  void reset() {
    mock.useRules(MockRules.none());
    mock.reset();
  }

  @Test
  void rateLimitIs429WithRetryAfterInEachFormat() {
    mock.useRules(
        MockRules.of(
            MockRule.builder("limited").fault(Fault.rateLimit(Duration.ofSeconds(2))).build()));

    for (Probe p : probes("m", false)) {
      var r = http.post(p.path(), p.body());
      assertThat(r.status()).as(p.protocol().wireName()).isEqualTo(429);
      assertThat(r.header("retry-after")).isEqualTo("2");
      JsonNode e = r.json();
      switch (p.protocol()) {
        case OPENAI, AZURE_OPENAI -> {
          assertThat(e.at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
          assertThat(e.at("/error/type").asText()).isEqualTo("requests");
          assertThat(e.at("/error/message").asText()).contains("rule 'limited'");
        }
        case ANTHROPIC -> {
          assertThat(e.get("type").asText()).isEqualTo("error");
          assertThat(e.at("/error/type").asText()).isEqualTo("rate_limit_error");
        }
        case GEMINI -> {
          assertThat(e.at("/error/code").asInt()).isEqualTo(429);
          assertThat(e.at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        }
        case OLLAMA -> assertThat(e.get("error").asText()).contains("Rate limit");
      }
    }
    assertThat(mock.requests().all()).extracting(RecordedRequest::status).containsOnly(429);
    assertThat(mock.requests().byRule("limited")).hasSize(4);
  }

  @Test
  void serverErrorIs500InEachFormat() {
    mock.useRules(MockRules.of(MockRule.builder("down").fault(Fault.serverError()).build()));

    for (Probe p : probes("m", true)) {
      var r = http.post(p.path(), p.body());
      assertThat(r.status()).as(p.protocol().wireName()).isEqualTo(500);
      String expected =
          switch (p.protocol()) {
            case OPENAI, AZURE_OPENAI -> "server_error";
            case ANTHROPIC -> "api_error";
            case GEMINI -> "INTERNAL";
            case OLLAMA -> "had an error";
          };
      assertThat(r.body()).contains(expected);
    }
  }

  @Test
  void unauthorizedIs401() {
    mock.useRules(MockRules.of(MockRule.builder("nokey").fault(Fault.unauthorized()).build()));

    var r = http.post(probes("m", false).get(1).path(), probes("m", false).get(1).body());

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().at("/error/type").asText()).isEqualTo("authentication_error");
  }

  @Test
  void timeoutHoldsTheRequestPastTheClientsTimeout() {
    mock.useRules(
        MockRules.of(MockRule.builder("hang").contains("hang").fault(Fault.timeout()).build()));
    var request =
        HttpRequest.newBuilder(URI.create(mock.url() + "/v1/chat/completions"))
            .timeout(Duration.ofMillis(300))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hang\"}]}"))
            .build();
    long start = System.nanoTime();

    assertThatThrownBy(() -> http.client().send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(mock.requests().last().status()).isZero();
    assertThat(mock.requests().last().summary()).endsWith("held");
  }

  @Test
  void aBoundedHoldEndsWith504() {
    mock.useRules(
        MockRules.of(
            MockRule.builder("slow").fault(Fault.timeout(Duration.ofMillis(200))).build()));

    var r = http.post(probes("m", false).get(2).path(), probes("m", false).get(2).body());

    assertThat(r.status()).isEqualTo(504);
    assertThat(r.json().at("/error/status").asText()).isEqualTo("DEADLINE_EXCEEDED");
  }

  @Test
  void malformedBodiesDoNotParse() {
    mock.useRules(MockRules.of(MockRule.builder("garbage").fault(Fault.malformed()).build()));

    for (Probe p : probes("m", false)) {
      var r = http.post(p.path(), p.body());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("content-type")).startsWith("application/json");
      assertThatThrownBy(() -> Json.parse(r.body()))
          .as(p.protocol().wireName())
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void malformedStreamsBreakOff() {
    mock.useRules(MockRules.of(MockRule.builder("garbage").fault(Fault.malformed()).build()));

    for (Probe p : probes("m", true)) {
      var r = http.post(p.path(), p.body());
      assertThat(r.status()).isEqualTo(200);
      switch (p.protocol()) {
        case OPENAI, AZURE_OPENAI -> assertThat(r.body()).doesNotContain("[DONE]");
        case ANTHROPIC -> assertThat(r.body()).doesNotContain("message_stop");
        case GEMINI -> assertThat(r.body()).doesNotContain("finishReason");
        case OLLAMA -> assertThat(r.body()).doesNotContain("\"done\":true");
      }
      String broken = r.body().substring(r.body().lastIndexOf('{'));
      assertThatThrownBy(() -> Json.parse(broken)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void timesFailsTheFirstRequestsThenAnswers() {
    mock.useRules(
        MockRules.of(
            MockRule.builder("flaky")
                .model("flaky-model")
                .fault(Fault.rateLimit(Duration.ZERO))
                .times(2)
                .build()));
    Probe p = probes("flaky-model", false).get(0);

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(http.post(p.path(), p.body()).status());
    }

    assertThat(statuses).containsExactly(429, 429, 200, 200);
    assertThat(mock.requests().all())
        .extracting(RecordedRequest::rule)
        .containsExactly("flaky", "flaky", null, null);
    assertThat(http.post(p.path(), p.body()).status()).isEqualTo(200);
    mock.reset();
    assertThat(http.post(p.path(), p.body()).status()).isEqualTo(429);
  }

  @Test
  void rateIsTheSameForTheSameSeed() {
    MockRules rules =
        MockRules.of(MockRule.builder("down").fault(Fault.serverError()).rate(0.3).build())
            .withSeed(11);
    Probe p = probes("m", false).get(3);

    mock.useRules(rules);
    List<Integer> first = statuses(p, 30);
    mock.useRules(rules);
    List<Integer> second = statuses(p, 30);

    assertThat(second).isEqualTo(first);
    assertThat(first).contains(500, 200);
  }

  @Test
  void latencyDelaysTheAnswer() {
    mock.useRules(
        MockRules.of(
            MockRule.builder("slow").latency(Latency.fixed(Duration.ofMillis(250))).build()));
    Probe p = probes("m", false).get(0);
    long start = System.nanoTime();

    var r = http.post(p.path(), p.body());

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    assertThat(r.json().at("/choices/0/message/content").asText()).isEqualTo("echo: hi there");
    assertThat(mock.requests().last().latency()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void faultsApplyToEmbeddingsToo() {
    mock.useRules(
        MockRules.of(MockRule.builder("limited").fault(Fault.rateLimit()).times(1).build()));

    var limited = http.post("/v1/embeddings", "{\"model\": \"e\", \"input\": \"x\"}");
    var ok = http.post("/v1/embeddings", "{\"model\": \"e\", \"input\": \"x\"}");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("retry-after")).isEqualTo("1");
    assertThat(ok.status()).isEqualTo(200);
  }

  private static List<Integer> statuses(Probe p, int n) {
    var out = new ArrayList<Integer>();
    for (int i = 0; i < n; i++) {
      out.add(http.post(p.path(), p.body()).status());
    }
    return out;
  }
}
