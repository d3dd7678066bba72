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

/** Any OpenAI-compatible endpoint (vLLM, LM Studio, OpenRouter …), against the mock over HTTP. */
class OpenAiCompatibleProviderIT extends ProviderContract {

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
    return "meta-llama/llama-3-8b";
  }

  @Override
  String baseUrl(MockLlmServer mock) {
    return mock.baseUrl(MockProtocol.OPENAI);
  }

  @Override
  Map.Entry<String, String> keyHeader() {
    return Map.entry("authorization", "Bearer ***");
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
  void withoutKeyNoAuthorizationHeader() {
    try (var local = create(baseUrl(mock), null)) {
      var r = local.chat(request(user("Hi"), GenerationConfig.none()));

      assertThat(r.text()).isEqualTo("echo: Hi");
      assertThat(onlyRequest().header("authorization")).isNull();
    }
  }
}
