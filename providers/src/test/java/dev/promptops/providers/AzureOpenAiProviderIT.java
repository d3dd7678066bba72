package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.provider.GenerationConfig;
import dev.promptops.core.provider.ProviderType;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Azure OpenAI: OpenAI's protocol under {@code /openai/deployments/{model}}, {@code api-key},
 * {@code api-version}; against the mock over HTTP.
 */
class AzureOpenAiProviderIT extends ProviderContract {

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
    return "my-gpt4o-deployment";
  }

  @Override
  String baseUrl(MockLlmServer mock) {
    return mock.baseUrl(MockProtocol.AZURE_OPENAI);
  }

  @Override
  Map<String, String> options() {
    return Map.of("apiVersion", "2024-06-01");
  }

  @Override
  Map.Entry<String, String> keyHeader() {
    return Map.entry("api-key", "***");
  }

  @Override
  void assertParametersIn(JsonNode body) {
    OpenAiProviderIT.assertOpenAiParameters(body);
  }

  @Override
  void assertSchemaIn(JsonNode body, JsonNode schema) {
    OpenAiProviderIT.assertOpenAiSchema(body, schema);
  }

  @Override
  GenerationConfig unsupported() {
    return new GenerationConfig(null, null, null, 40, List.of(), false, null);
  }

  @Override
  String unsupportedName() {
    return "topK";
  }

  @Test
  void deploymentInThePathAndApiVersionInTheQuery() {
    provider.chat(request(user("Hi"), GenerationConfig.none()));

    var sent = onlyRequest();
    assertThat(sent.path()).isEqualTo("/openai/deployments/my-gpt4o-deployment/chat/completions");
    assertThat(sent.query()).containsEntry("api-version", "2024-06-01");
    assertThat(sent.header("authorization")).isNull();
  }
}
