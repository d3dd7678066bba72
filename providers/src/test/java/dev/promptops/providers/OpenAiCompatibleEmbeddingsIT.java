package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.provider.ProviderType;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An OpenAI-compatible endpoint's embeddings ({@code {baseUrl}/embeddings}), against the mock. */
class OpenAiCompatibleEmbeddingsIT extends EmbeddingContract {

  @Override
  ProviderType type() {
    return ProviderType.OPENAI_COMPATIBLE;
  }

  @Override
  MockProtocol protocol() {
    return MockProtocol.OPENAI;
  }

  @Override
  String model() {
    return "BAAI/bge-small-en-v1.5";
  }

  @Override
  String baseUrl(MockLlmServer mock) {
    return mock.baseUrl(MockProtocol.OPENAI) + "/";
  }

  @Override
  String path() {
    return "/v1/embeddings";
  }

  @Override
  Map.Entry<String, String> keyHeader() {
    return Map.entry("authorization", "Bearer ***");
  }

  @Test
  void noKeyNoAuthorizationHeader() {
    try (var open = create(baseUrl(mock), null, TIMEOUT)) {
      assertThat(open.embed(model(), "hi")).hasSize(DIMENSIONS);

      assertThat(onlyRequest().header("authorization")).isNull();
    }
  }
}
