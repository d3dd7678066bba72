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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ollama's ({@code /api/embed}, {@code /api/embeddings}) and Gemini's ({@code :embedContent},
 * {@code :batchEmbedContents}) embeddings over HTTP: shapes, the vectors of the OpenAI endpoint,
 * rules, faults and the request log.
 */
class EmbeddingEndpointsIT {
  static final String GEMINI = "/v1beta/models/text-embedding-004";
  static MockLlmServer mock;
  static MockHttp http;

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

  /** What the OpenAI endpoint answers for {@code text}: every endpoint must agree. */
  static JsonNode openAiVector(String text, int dimensions) {
    return http.post(
            "/v1/embeddings",
            Json.object().put("model", "e").put("input", text).put("dimensions", dimensions))
        .json()
        .at("/data/0/embedding");
  }

  // --- Ollama

  @Test
  void ollamaEmbedsAStringOrAList() {
    JsonNode one =
        http.post("/api/embed", "{\"model\": \"nomic-embed-text\", \"input\": \"hello world\"}")
            .json();
    JsonNode two =
        http.post(
                "/api/embed",
                "{\"model\": \"nomic-embed-text\", \"input\": [\"hello world\", \"other\"],"
                    + " \"dimensions\": 8}")
            .json();

    assertThat(one.get("model").asText()).isEqualTo("nomic-embed-text");
    assertThat(one.get("embeddings")).hasSize(1);
    assertThat(one.at("/embeddings/0")).hasSize(MockLlmConfig.DEFAULT_EMBEDDING_DIMENSIONS);
    assertThat(one.at("/embeddings/0"))
        .isEqualTo(openAiVector("hello world", MockLlmConfig.DEFAULT_EMBEDDING_DIMENSIONS));
    assertThat(one.get("prompt_eval_count").asInt()).isEqualTo(3);
    assertThat(one.get("total_duration").asLong()).isPositive();
    assertThat(two.get("embeddings")).hasSize(2);
    assertThat(two.at("/embeddings/0")).isEqualTo(openAiVector("hello world", 8));
    assertThat(two.at("/embeddings/1")).isEqualTo(openAiVector("other", 8));
    assertThat(two.get("prompt_eval_count").asInt()).isEqualTo(5);
  }

  @Test
  void ollamaLegacyEmbeddingsTakeAPrompt() {
    JsonNode r =
        http.post("/api/embeddings", "{\"model\": \"all-minilm\", \"prompt\": \"hello world\"}")
            .json();

    assertThat(r.get("embedding"))
        .isEqualTo(openAiVector("hello world", MockLlmConfig.DEFAULT_EMBEDDING_DIMENSIONS));
    assertThat(r.has("embeddings")).isFalse();
    assertThat(mock.requests().of(MockProtocol.OLLAMA).getFirst().model()).isEqualTo("all-minilm");
  }

  @Test
  void ollamaBadRequestsInOllamaFormat() {
    for (String body :
        List.of(
            "{\"input\": \"x\"}",
            "{\"model\": \"m\"}",
            "{\"model\": \"m\", \"input\": [1, 2]}",
            "{\"model\": \"m\", \"input\": []}",
            "{\"model\": \"m\", \"input\": \"x\", \"dimensions\": 0}")) {
      var r = http.post("/api/embed", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.json().get("error").asText()).as(body).isNotBlank();
    }
    assertThat(http.post("/api/embeddings", "{\"model\": \"m\"}").json().get("error").asText())
        .contains("prompt");
    assertThat(http.get("/api/embed").status()).isEqualTo(405);
  }

  // --- Gemini

  @Test
  void geminiEmbedContent() {
    JsonNode r =
        http.post(
                GEMINI + ":embedContent",
                "{\"model\": \"models/text-embedding-004\","
                    + " \"content\": {\"parts\": [{\"text\": \"hello \"}, {\"text\": \"world\"}]}}")
            .json();
    JsonNode small =
        http.post(
                "/v1/models/text-embedding-004:embedContent",
                "{\"content\": {\"parts\": [{\"text\": \"hello world\"}]},"
                    + " \"output_dimensionality\": 8}")
            .json();

    assertThat(r.at("/embedding/values"))
        .isEqualTo(openAiVector("hello world", MockLlmConfig.DEFAULT_EMBEDDING_DIMENSIONS));
    assertThat(small.at("/embedding/values")).isEqualTo(openAiVector("hello world", 8));
  }

  @Test
  void geminiBatchEmbedContents() {
    JsonNode r =
        http.post(
                GEMINI + ":batchEmbedContents",
                """
                {"requests": [
                  {"model": "models/text-embedding-004", "content": {"parts": [{"text": "one"}]}},
                  {"model": "models/text-embedding-004", "content": {"parts": [{"text": "two"}]},
                   "outputDimensionality": 4}]}""")
            .json();

    assertThat(r.get("embeddings")).hasSize(2);
    assertThat(r.at("/embeddings/0/values"))
        .isEqualTo(openAiVector("one", MockLlmConfig.DEFAULT_EMBEDDING_DIMENSIONS));
    assertThat(r.at("/embeddings/1/values")).isEqualTo(openAiVector("two", 4));
    RecordedRequest logged = mock.requests().of(MockProtocol.GEMINI).getFirst();
    assertThat(logged.model()).isEqualTo("text-embedding-004");
    assertThat(logged.lastUserMessage()).isEqualTo("one\ntwo");
  }

  @Test
  void geminiBadRequestsInGeminiFormat() {
    var wrongModel =
        http.post(
            GEMINI + ":batchEmbedContents",
            "{\"requests\": [{\"model\": \"models/other\","
                + " \"content\": {\"parts\": [{\"text\": \"x\"}]}}]}");
    var noContent = http.post(GEMINI + ":embedContent", "{}");
    var noRequests = http.post(GEMINI + ":batchEmbedContents", "{\"requests\": []}");

    assertThat(wrongModel.status()).isEqualTo(400);
    assertThat(wrongModel.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(wrongModel.json().at("/error/message").asText())
        .contains("requests[0].model must be 'models/text-embedding-004'");
    assertThat(noContent.status()).isEqualTo(400);
    assertThat(noContent.json().at("/error/message").asText()).contains("content.parts");
    assertThat(noRequests.status()).isEqualTo(400);
  }

  // --- rules, faults and the log

  @Test
  void rulesMatchTheInputsAndTheModelOfThePath() {
    mock.useRules(
        MockRules.of(
            MockRule.builder("cats")
                .protocol(MockProtocol.GEMINI)
                .model("text-embedding-*")
                .contains("cat")
                .fault(Fault.serverError())
                .build()));

    var dog = http.post(GEMINI + ":embedContent", content("a dog"));
    var cat = http.post(GEMINI + ":embedContent", content("a cat"));
    var ollamaCat = http.post("/api/embed", "{\"model\": \"m\", \"input\": [\"x\", \"a cat\"]}");

    assertThat(dog.status()).isEqualTo(200);
    assertThat(cat.status()).isEqualTo(500);
    assertThat(cat.json().at("/error/status").asText()).isEqualTo("INTERNAL");
    assertThat(ollamaCat.status()).as("another protocol").isEqualTo(200);
    assertThat(mock.requests().all())
        .extracting(RecordedRequest::rule)
        .containsExactly(null, "cats", null);
  }

  @Test
  void rateLimitIs429WithRetryAfter() {
    mock.useRules(
        MockRules.of(
            MockRule.builder("limited")
                .fault(Fault.rateLimit(Duration.ofSeconds(4)))
                .times(2)
                .build()));

    var ollama = http.post("/api/embed", "{\"model\": \"m\", \"input\": \"x\"}");
    var gemini = http.post(GEMINI + ":embedContent", content("x"));
    var after = http.post("/api/embeddings", "{\"model\": \"m\", \"prompt\": \"x\"}");

    assertThat(ollama.status()).isEqualTo(429);
    assertThat(ollama.header("retry-after")).isEqualTo("4");
    assertThat(ollama.json().get("error").asText()).contains("Rate limit");
    assertThat(gemini.status()).isEqualTo(429);
    assertThat(gemini.header("retry-after")).isEqualTo("4");
    assertThat(gemini.json().at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(after.status()).isEqualTo(200);
  }

  @Test
  void malformedBodiesDoNotParse() {
    mock.useRules(MockRules.of(MockRule.builder("garbage").fault(Fault.malformed()).build()));

    for (var r :
        List.of(
            http.post("/api/embed", "{\"model\": \"m\", \"input\": \"x\"}"),
            http.post("/api/embeddings", "{\"model\": \"m\", \"prompt\": \"x\"}"),
            http.post(GEMINI + ":embedContent", content("x")))) {
      assertThat(r.status()).isEqualTo(200);
      assertThatThrownBy(() -> Json.parse(r.body())).isInstanceOf(IOException.class);
    }
  }

  @Test
  void timeoutHoldsTheRequest() {
    mock.useRules(MockRules.of(MockRule.builder("hang").fault(Fault.timeout()).build()));
    var request =
        HttpRequest.newBuilder(URI.create(mock.url() + "/api/embed"))
            .timeout(Duration.ofMillis(300))
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"m\", \"input\": \"x\"}"))
            .build();

    assertThatThrownBy(() -> http.client().send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(mock.requests().last().status()).isZero();
    assertThat(mock.requests().last().rule()).isEqualTo("hang");
  }

  @Test
  void latencyDelaysTheAnswer() {
    mock.useRules(
        MockRules.of(
            MockRule.builder("slow").latency(Latency.fixed(Duration.ofMillis(200))).build()));
    long start = System.nanoTime();

    var r = http.post(GEMINI + ":embedContent", content("x"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(mock.requests().last().latency()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void theLogHasTheRequestWithItsSecretsRedacted() {
    http.post(
        "/api/embed",
        "{\"model\": \"nomic-embed-text\", \"input\": [\"a\", \"b\"]}",
        "Authorization",
        "Bearer sk-ollama-proxy");
    http.post(GEMINI + ":embedContent?key=AIza-secret", content("hello"), "x-goog-api-key", "AIza");

    RecordedRequest ollama = mock.requests().of(MockProtocol.OLLAMA).getFirst();
    assertThat(ollama.summary())
        .isEqualTo("POST /api/embed ollama nomic-embed-text rule=default 200");
    assertThat(ollama.lastUserMessage()).isEqualTo("a\nb");
    assertThat(ollama.header("authorization")).isEqualTo("Bearer ***");
    assertThat(ollama.body().get("input")).hasSize(2);
    RecordedRequest gemini = mock.requests().of(MockProtocol.GEMINI).getFirst();
    assertThat(gemini.path()).isEqualTo(GEMINI + ":embedContent");
    assertThat(gemini.query()).containsEntry("key", "***");
    assertThat(gemini.header("x-goog-api-key")).isEqualTo("***");
  }

  @Test
  void unknownPathsListTheEmbeddingEndpoints() {
    String listed = Json.write(http.post("/api/embedding", "{}").json());

    assertThat(listed).contains("POST /api/embed,", "POST /api/embeddings", ":embedContent");
  }

  private static String content(String text) {
    return "{\"content\": {\"parts\": [{\"text\": \"" + text + "\"}]}}";
  }
}
