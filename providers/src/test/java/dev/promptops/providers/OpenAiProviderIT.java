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

/** OpenAI's chat completions, against the mock over HTTP. */
class OpenAiProviderIT extends ProviderContract {

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
    return "gpt-4o-mini";
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
    assertOpenAiParameters(body);
  }

  static void assertOpenAiParameters(JsonNode body) {
    assertThat(body.get("temperature").asDouble()).isEqualTo(0.25);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(77);
    assertThat(body.get("top_p").asDouble()).isEqualTo(0.75);
    assertThat(body.get("stop")).hasSize(2);
    assertThat(body.get("stop").get(0).asText()).isEqualTo("END");
    assertThat(body.has("top_k")).isFalse();
  }

  @Override
  void assertSchemaIn(JsonNode body, JsonNode schema) {
    assertOpenAiSchema(body, schema);
  }

  static void assertOpenAiSchema(JsonNode body, JsonNode schema) {
    assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
    assertThat(body.at("/response_format/json_schema/name").asText()).isEqualTo("output");
    assertThat(body.at("/response_format/json_schema/schema")).isEqualTo(schema);
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
  void jsonModeWithoutSchema() throws Exception {
    var config = new GenerationConfig(null, null, null, null, List.of(), true, null);

    var r = provider.chat(request(user("Answer in JSON"), config));

    assertThat(JSON.readTree(r.text()).isObject()).isTrue();
    assertThat(onlyRequest().body().at("/response_format/type").asText()).isEqualTo("json_object");
  }

  @Test
  void streamingAsksForUsage() {
    provider.stream(
        request(user("Hi"), GenerationConfig.none()),
        listener(new java.util.ArrayList<>(), new java.util.ArrayList<>()));

    assertThat(onlyRequest().body().at("/stream_options/include_usage").asBoolean()).isTrue();
  }

  @Test
  void imageUrlsGoAsImageUrlParts() {
    var messages =
        messages(
            """
            [{"role":"user","content":[{"text":"What is this?"},
              {"media":{"url":"https://example.com/cat.png","contentType":"image/png"}}]}]
            """);

    provider.chat(request(messages, GenerationConfig.none()));

    JsonNode content = onlyRequest().body().at("/messages/0/content");
    assertThat(content.get(1).get("type").asText()).isEqualTo("image_url");
    assertThat(content.get(1).at("/image_url/url").asText())
        .isEqualTo("https://example.com/cat.png");
  }
}
