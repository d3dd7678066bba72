package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.provider.ProviderType;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ollama's embeddings ({@code POST /api/embed}), against the mock over HTTP. */
class OllamaEmbeddingsIT extends EmbeddingContract {

  @Override
  ProviderType type() {
    return ProviderType.OLLAMA;
  }

  @Override
  MockProtocol protocol() {
    return MockProtocol.OLLAMA;
  }

  @Override
  String model() {
    return "nomic-embed-text";
  }

  @Override
  String baseUrl(MockLlmServer mock) {
    return mock.baseUrl(MockProtocol.OLLAMA);
  }

  @Override
  String path() {
    return "/api/embed";
  }

  @Override
  Map.Entry<String, String> keyHeader() {
    return Map.entry("authorization", "Bearer ***");
  }

  @Test
  void severalTextsGoInOneRequest() {
    provider.embed(model(), List.of("one", "two"));

    var body = onlyRequest().body();
    assertThat(body.get("model").asText()).isEqualTo(model());
    assertThat(body.get("input")).hasSize(2);
  }

  @Test
  void localOllamaNeedsNoKey() {
    try (var local = create(baseUrl(mock), null, TIMEOUT)) {
      assertThat(local.embed(model(), "hi")).hasSize(DIMENSIONS);

      assertThat(onlyRequest().header("authorization")).isNull();
    }
  }
}
