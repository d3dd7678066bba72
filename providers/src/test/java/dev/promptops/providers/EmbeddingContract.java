package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.provider.EmbeddingProvider;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderException.Failure;
import dev.promptops.core.provider.ProviderType;
import dev.promptops.providers.mock.Fault;
import dev.promptops.providers.mock.MockLlmConfig;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import dev.promptops.providers.mock.MockRule;
import dev.promptops.providers.mock.MockRules;
import dev.promptops.providers.mock.RecordedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every embeddings adapter must do, checked against the mock LLM server over HTTP: a suite per
 * provider type extends it and says where its protocol puts things.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmbeddingContract {
  static final String KEY = "sk-embed-contract-5d2e8b";
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final int DIMENSIONS = MockLlmConfig.DEFAULT_EMBEDDING_DIMENSIONS;

  MockLlmServer mock;
  EmbeddingProvider provider;

  abstract ProviderType type();

  abstract MockProtocol protocol();

  abstract String model();

  /** The base URL this provider is configured with to reach the mock. */
  abstract String baseUrl(MockLlmServer mock);

  /** The path an embeddings request for {@link #model()} goes to. */
  abstract String path();

  /** The header that carries the key, and how the mock's log shows it (redacted). */
  abstract Map.Entry<String, String> keyHeader();

  /** How many requests embedding {@code texts} texts takes: one, unless no batch is used. */
  int requestsFor(int texts) {
    return 1;
  }

  Map<String, String> options() {
    return Map.of();
  }

  @BeforeAll
  void startMock() {
    mock = MockLlmServer.start(MockLlmConfig.defaults().withMaxHold(Duration.ofSeconds(10)));
    provider = create(baseUrl(mock), KEY, TIMEOUT);
  }

  @AfterAll
  void stopMock() {
    provider.close();
    mock.close();
  }

  @BeforeEach
  void resetMock() {
    mock.useRules(MockRules.none());
    mock.reset();
  }

  EmbeddingProvider create(String baseUrl, String key, Duration timeout) {
    return new EmbeddingProviders()
        .create(new ProviderConfig("mocked", type(), baseUrl, key, options(), timeout, 0, 0, 0));
  }

  // --- vectors

  @Test
  void oneText() {
    float[] v = provider.embed(model(), "hello world");

    assertThat(v).hasSize(DIMENSIONS);
    assertThat(norm(v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    RecordedRequest sent = onlyRequest();
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo(path());
    assertThat(sent.protocol()).isEqualTo(protocol());
    assertThat(sent.model()).isEqualTo(model());
    assertThat(sent.lastUserMessage()).isEqualTo("hello world");
    assertThat(sent.status()).isEqualTo(200);
  }

  @Test
  void severalTextsInOrder() {
    List<float[]> vs =
        provider.embed(model(), List.of("the cat sat", "stock prices fell", "a cat"));

    assertThat(vs).hasSize(3).allSatisfy(v -> assertThat(v).hasSize(DIMENSIONS));
    assertThat(cosine(vs.get(0), vs.get(2)))
        .as("texts sharing a word are closer")
        .isGreaterThan(cosine(vs.get(0), vs.get(1)));
    assertThat(vs.get(0)).isEqualTo(provider.embed(model(), "the cat sat"));
    assertThat(vs.get(1)).isEqualTo(provider.embed(model(), "stock prices fell"));
    assertThat(mock.requests().size()).isEqualTo(requestsFor(3) + 2);
  }

  @Test
  void sameTextSameVector() {
    float[] first = provider.embed(model(), "deterministic, always");
    float[] second = provider.embed(model(), "deterministic, always");

    assertThat(second).isEqualTo(first);
    assertThat(provider.embed(model(), "something else")).isNotEqualTo(first);
  }

  @Test
  void sameVectorsAsTheOpenAiEndpoint() {
    try (var openai =
        new EmbeddingProviders()
            .create(
                new ProviderConfig(
                    "reference",
                    ProviderType.OPENAI,
                    mock.baseUrl(MockProtocol.OPENAI),
                    "k",
                    Map.of(),
                    TIMEOUT,
                    0,
                    0,
                    0))) {
      assertThat(provider.embed(model(), "one vector everywhere"))
          .isEqualTo(openai.embed("text-embedding-3-small", "one vector everywhere"));
    }
  }

  @Test
  void noTextsNoRequest() {
    assertThat(provider.embed(model(), List.of())).isEmpty();
    assertThat(mock.requests().size()).isZero();
  }

  @Test
  void blankTextIsRefusedBeforeSending() {
    var e = failure(() -> provider.embed(model(), List.of("fine", " ")));

    assertThat(e.failure()).isEqualTo(Failure.BAD_REQUEST);
    assertThat(e.getMessage())
        .contains("provider 'mocked' (" + type().wireName() + ") cannot embed a blank text")
        .contains("text 2 of 2");
    assertThat(mock.requests().size()).isZero();
  }

  @Test
  void apiKeyGoesInTheProvidersHeader() {
    provider.embed(model(), "hi");

    var header = keyHeader();
    assertThat(onlyRequest().header(header.getKey())).isEqualTo(header.getValue());
  }

  // --- failures

  @Test
  void rateLimitCarriesRetryAfter() {
    fault(Fault.rateLimit(Duration.ofSeconds(3)));

    var e = failure(() -> provider.embed(model(), "hi"));

    assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(e.getMessage()).contains("rate-limited", "retry after 3s", model());
    assertThat(mock.requests().size()).as("one attempt, no retry").isEqualTo(1);
  }

  @Test
  void serverError() {
    fault(Fault.serverError());

    var e = failure(() -> provider.embed(model(), List.of("a", "b")));

    assertThat(e.failure()).isEqualTo(Failure.SERVER_ERROR);
    assertThat(e.retryable()).isTrue();
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.getMessage()).contains("HTTP 500", model(), mock.url());
    assertThat(mock.requests().size()).as("one attempt, no retry").isEqualTo(1);
  }

  @Test
  void unauthorized() {
    fault(Fault.unauthorized());

    var e = failure(() -> provider.embed(model(), "hi"));

    assertThat(e.failure()).isEqualTo(Failure.UNAUTHORIZED);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void timeout() {
    fault(Fault.timeout(Duration.ofSeconds(5)));
    long start = System.nanoTime();

    try (var impatient = create(baseUrl(mock), KEY, Duration.ofMillis(300))) {
      var e = failure(() -> impatient.embed(model(), "hi"));

      assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).contains("did not answer", "within 0.3s");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void malformedBody() {
    fault(Fault.malformed());

    var e = failure(() -> provider.embed(model(), "hi"));

    assertThat(e.failure()).isEqualTo(Failure.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("cannot read", model());
    assertThat(mock.requests().size()).as("one attempt, no retry").isEqualTo(1);
  }

  @Test
  void connectionRefused() throws IOException {
    String closed;
    try (var socket = new ServerSocket(0)) {
      closed = baseUrl(mock).replace(":" + mock.port(), ":" + socket.getLocalPort());
    }
    try (var unreachable = create(closed, KEY, TIMEOUT)) {
      var e = failure(() -> unreachable.embed(model(), "hi"));

      assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE);
      assertThat(e.getMessage()).contains("cannot reach", "127.0.0.1");
    }
  }

  // --- helpers

  void fault(Fault fault) {
    mock.useRules(MockRules.of(MockRule.builder("fault").fault(fault).build()));
  }

  RecordedRequest onlyRequest() {
    assertThat(mock.requests().size()).isEqualTo(1);
    return mock.requests().last();
  }

  /** Runs {@code call}, expecting a ProviderException whose messages hold no key. */
  static ProviderException failure(Runnable call) {
    try {
      call.run();
    } catch (ProviderException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
      }
      assertThat(String.valueOf(e.hint())).doesNotContain(KEY);
      return e;
    }
    throw new AssertionError("expected a ProviderException");
  }

  static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }

  static double cosine(float[] a, float[] b) {
    return dot(a, b) / (norm(a) * norm(b));
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
