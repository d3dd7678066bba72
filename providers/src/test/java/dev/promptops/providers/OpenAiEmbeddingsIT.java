package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.provider.ProviderType;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenAI's embeddings ({@code POST /v1/embeddings}), against the mock over HTTP. */
class OpenAiEmbeddingsIT extends EmbeddingContract {

  @Override
  ProviderType type() {
    return ProviderType.OPENAI;
  }

  @Override
  MockProtocol protocol() {
    return MockProtocol.OPENAI;
  }

  @Override
  String model() {
    return "text-embedding-3-small";
  }

  @Override
  String baseUrl(MockLlmServer mock) {
    return mock.baseUrl(MockProtocol.OPENAI);
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
  void severalTextsGoInOneRequest() {
    provider.embed(model(), List.of("one", "two"));

    var body = onlyRequest().body();
    assertThat(body.get("model").asText()).isEqualTo(model());
    assertThat(body.get("input")).hasSize(2);
    assertThat(body.get("input").get(1).asText()).isEqualTo("two");
  }
}
