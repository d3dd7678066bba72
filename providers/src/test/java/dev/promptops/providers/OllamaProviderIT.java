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

/** Ollama's chat API, against the mock over HTTP. */
class OllamaProviderIT extends ProviderContract {

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
    return "llama3.2";
  }

  @Override
  String baseUrl(MockLlmServer mock) {
    return mock.baseUrl(MockProtocol.OLLAMA);
  }

  @Override
  Map.Entry<String, String> keyHeader() {
    return Map.entry("authorization", "Bearer ***");
  }

  @Override
  void assertParametersIn(JsonNode body) {
    JsonNode options = body.get("options");
    assertThat(options.get("temperature").asDouble()).isEqualTo(0.25);
    assertThat(options.get("num_predict").asInt()).isEqualTo(77);
    assertThat(options.get("top_p").asDouble()).isEqualTo(0.75);
    assertThat(options.get("top_k").asInt()).isEqualTo(12);
    assertThat(options.get("stop")).hasSize(2);
  }

  @Override
  void assertSchemaIn(JsonNode body, JsonNode schema) {
    assertThat(body.get("format")).isEqualTo(schema);
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
    assertThat(onlyRequest().body().get("format").asText()).isEqualTo("json");
  }

  @Test
  void localOllamaNeedsNoKey() {
    try (var local = create(baseUrl(mock), null)) {
      var r = local.chat(request(user("Hi"), GenerationConfig.none()));

      assertThat(r.text()).isEqualTo("echo: Hi");
      assertThat(onlyRequest().header("authorization")).isNull();
    }
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
