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

/** Anthropic's Messages API, against the mock over HTTP. */
class AnthropicProviderIT extends ProviderContract {

  @Override
  ProviderType type() {
    return ProviderType.ANTHROPIC;
  }

  @Override
  MockProtocol protocol() {
    return MockProtocol.ANTHROPIC;
  }

  @Override
  String model() {
    return "claude-sonnet-4-5";
  }

  @Override
  String baseUrl(MockLlmServer mock) {
    return mock.url(); // as Anthropic's SDKs take it: /v1 is added
  }

  @Override
  Map.Entry<String, String> keyHeader() {
    return Map.entry("x-api-key", "***");
  }

  @Override
  void assertParametersIn(JsonNode body) {
    assertThat(body.get("temperature").asDouble()).isEqualTo(0.25);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(77);
    assertThat(body.get("top_p").asDouble()).isEqualTo(0.75);
    assertThat(body.get("top_k").asInt()).isEqualTo(12);
    assertThat(body.get("stop_sequences").get(1).asText()).isEqualTo("STOP");
  }

  @Override
  void assertSchemaIn(JsonNode body, JsonNode schema) {
    assertThat(body.at("/output_config/format/type").asText()).isEqualTo("json_schema");
    assertThat(body.at("/output_config/format/schema/properties"))
        .isEqualTo(schema.get("properties"));
  }

  @Override
  GenerationConfig unsupported() {
    return new GenerationConfig(null, null, null, null, List.of(), true, null);
  }

  @Override
  String unsupportedName() {
    return "json (JSON output without a schema)";
  }

  @Test
  void systemGoesAsTheSystemField() {
    var messages =
        messages(
            """
            [{"role":"system","content":[{"text":"Be kind."}]},
             {"role":"user","content":[{"text":"Hi"}]}]
            """);

    provider.chat(request(messages, GenerationConfig.none()));

    JsonNode body = onlyRequest().body();
    assertThat(body.get("system").toString()).contains("Be kind.");
    assertThat(body.get("messages")).hasSize(1);
    assertThat(onlyRequest().header("anthropic-version")).isNotBlank();
  }

  @Test
  void maxTokensIsAlwaysSent() {
    provider.chat(request(user("Hi"), GenerationConfig.none()));

    assertThat(onlyRequest().body().get("max_tokens").asInt()).isPositive();
  }

  @Test
  void imagesGoAsUrlOrBase64Sources() {
    var messages =
        messages(
            """
            [{"role":"user","content":[{"text":"Compare"},
              {"media":{"url":"https://example.com/a.png","contentType":"image/png"}},
              {"media":{"url":"data:image/jpeg;base64,/9j/4AAQ"}}]}]
            """);

    provider.chat(request(messages, GenerationConfig.none()));

    JsonNode content = onlyRequest().body().at("/messages/0/content");
    assertThat(content.get(1).at("/source/type").asText()).isEqualTo("url");
    assertThat(content.get(1).at("/source/url").asText()).isEqualTo("https://example.com/a.png");
    assertThat(content.get(2).at("/source/type").asText()).isEqualTo("base64");
    assertThat(content.get(2).at("/source/media_type").asText()).isEqualTo("image/jpeg");
  }
}
