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

/** Google's Gemini API, against the mock over HTTP. */
class GeminiProviderIT extends ProviderContract {

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
    return "gemini-2.5-flash";
  }

  @Override
  String baseUrl(MockLlmServer mock) {
    return mock.url(); // as Google's SDKs take it: /v1beta is added
  }

  @Override
  Map.Entry<String, String> keyHeader() {
    return Map.entry("x-goog-api-key", "***");
  }

  @Override
  void assertParametersIn(JsonNode body) {
    JsonNode config = body.get("generationConfig");
    assertThat(config.get("temperature").asDouble()).isEqualTo(0.25);
    assertThat(config.get("maxOutputTokens").asInt()).isEqualTo(77);
    assertThat(config.get("topP").asDouble()).isEqualTo(0.75);
    assertThat(config.get("topK").asInt()).isEqualTo(12);
    assertThat(config.get("stopSequences").get(0).asText()).isEqualTo("END");
  }

  @Override
  void assertSchemaIn(JsonNode body, JsonNode schema) {
    assertThat(body.at("/generationConfig/responseMimeType").asText())
        .isEqualTo("application/json");
    assertThat(body.at("/generationConfig/responseJsonSchema")).isEqualTo(schema);
  }

  @Override
  GenerationConfig unsupported() {
    return null;
  }

  @Override
  String unsupportedName() {
    return null;
  }

  @Test
  void jsonModeWithoutSchema() throws Exception {
    var config = new GenerationConfig(null, null, null, null, List.of(), true, null);

    var r = provider.chat(request(user("Answer in JSON"), config));

    assertThat(JSON.readTree(r.text()).isObject()).isTrue();
    assertThat(onlyRequest().body().at("/generationConfig/responseMimeType").asText())
        .isEqualTo("application/json");
  }

  @Test
  void inlineImagesGoAsInlineData() {
    var messages =
        messages(
            """
            [{"role":"user","content":[{"text":"What is this?"},
              {"media":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}]
            """);

    provider.chat(request(messages, GenerationConfig.none()));

    JsonNode parts = onlyRequest().body().at("/contents/0/parts");
    assertThat(parts.get(1).at("/inlineData/mimeType").asText()).isEqualTo("image/png");
    assertThat(parts.get(1).at("/inlineData/data").asText()).isEqualTo("iVBORw0KGgo=");
  }

  @Test
  void imageUrlsAreRefusedNotFetched() {
    var messages =
        messages(
            """
            [{"role":"user","content":[{"text":"What is this?"},
              {"media":{"url":"http://127.0.0.1:9/cat.png","contentType":"image/png"}}]}]
            """);

    var e = failure(() -> provider.chat(request(messages, GenerationConfig.none())));

    assertThat(e.failure())
        .isEqualTo(dev.promptops.core.provider.ProviderException.Failure.UNSUPPORTED);
    assertThat(e.getMessage()).contains("takes images only inline", "http://127.0.0.1:9/cat.png");
    assertThat(mock.requests().size()).isZero();
  }
}
