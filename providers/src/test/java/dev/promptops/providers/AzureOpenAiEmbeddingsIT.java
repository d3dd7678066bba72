package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.provider.ProviderException.Failure;
import dev.promptops.core.provider.ProviderType;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Azure OpenAI's embeddings ({@code /openai/deployments/{deployment}/embeddings?api-version=…}),
 * against the mock over HTTP.
 */
class AzureOpenAiEmbeddingsIT extends EmbeddingContract {

  @Override
  ProviderType type() {
    return ProviderType.AZURE_OPENAI;
  }

  @Override
  MockProtocol protocol() {
    return MockProtocol.AZURE_OPENAI;
  }

  @Override
  String model() {
    return "my-embeddings";
  }

  @Override
  String baseUrl(MockLlmServer mock) {
    return mock.baseUrl(MockProtocol.AZURE_OPENAI);
  }

  /** A chat deployment configured for the provider: embeddings must not go there. */
  @Override
  Map<String, String> options() {
    return Map.of("apiVersion", "2024-06-01", "deployment", "my-chat");
  }

  @Override
  String path() {
    return "/openai/deployments/my-embeddings/embeddings";
  }

  @Override
  Map.Entry<String, String> keyHeader() {
    return Map.entry("api-key", "***");
  }

  @Test
  void theModelIsTheDeploymentAndTheApiVersionIsSent() {
    provider.embed(model(), "hi");

    var sent = onlyRequest();
    assertThat(sent.model()).isEqualTo("my-embeddings");
    assertThat(sent.query()).containsEntry("api-version", "2024-06-01");
    assertThat(sent.header("authorization")).isNull();
  }

  @Test
  void aKeyIsRequired() {
    try (var keyless = create(baseUrl(mock), null, TIMEOUT)) {
      var e = failure(() -> keyless.embed(model(), "hi"));

      assertThat(e.failure()).isEqualTo(Failure.UNAUTHORIZED);
      assertThat(e.getMessage()).contains("has no API key");
      assertThat(mock.requests().size()).isZero();
    }
  }
}
