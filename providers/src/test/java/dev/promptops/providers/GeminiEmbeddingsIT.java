package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.provider.ProviderException.Failure;
import dev.promptops.core.provider.ProviderType;
import dev.promptops.providers.mock.Fault;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import dev.promptops.providers.mock.MockRule;
import dev.promptops.providers.mock.MockRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gemini's embeddings ({@code POST /v1beta/models/{model}:embedContent}, one per text), against the
 * mock over HTTP.
 */
class GeminiEmbeddingsIT extends EmbeddingContract {

  @Override
  ProviderType type() {
    return ProviderType.GEMINI;
  }

  @Override
  MockProtocol protocol() {
    return MockProtocol.GEMINI;
  }

  @Override
  String model() {
    return "gemini-embedding-001";
  }

  @Override
  String baseUrl(MockLlmServer mock) {
    return mock.url(); // as Google's SDKs take it: /v1beta is added
  }

  @Override
  String path() {
    return "/v1beta/models/gemini-embedding-001:embedContent";
  }

  @Override
  Map.Entry<String, String> keyHeader() {
    return Map.entry("x-goog-api-key", "***");
  }

  @Override
  int requestsFor(int texts) {
    return texts;
  }

  @Test
  void eachTextIsOneRequestWithTheModelInTheBody() {
    provider.embed(model(), List.of("one", "two"));

    assertThat(mock.requests().all())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.path()).isEqualTo(path()));
    var body = mock.requests().all().get(1).body();
    assertThat(body.get("model").asText()).isEqualTo("models/" + model());
    assertThat(body.at("/content/parts/0/text").asText()).isEqualTo("two");
  }

  @Test
  void aFailureOnALaterTextFailsTheCallAtOnce() {
    mock.useRules(
        MockRules.of(
            MockRule.builder("second")
                .contains("second")
                .fault(Fault.rateLimit(Duration.ofSeconds(2)))
                .build()));

    var e = failure(() -> provider.embed(model(), List.of("first", "second", "third")));

    assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(mock.requests().size()).as("no retry, no third text").isEqualTo(2);
  }

  @Test
  void aKeyIsRequired() {
    try (var keyless = create(baseUrl(mock), null, TIMEOUT)) {
      var e = failure(() -> keyless.embed(model(), "hi"));

      assertThat(e.failure()).isEqualTo(Failure.UNAUTHORIZED);
      assertThat(mock.requests().size()).isZero();
    }
  }
}
