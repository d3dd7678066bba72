package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.provider.ChatRequest;
import dev.promptops.core.provider.GenerationConfig;
import dev.promptops.core.provider.ModelRef;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderException.Failure;
import dev.promptops.core.provider.ProviderType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProvidersTest {
  static final String KEY = "sk-secret-42";
  final Providers providers = new Providers();

  @Test
  void supportedParametersPerType() {
    assertThat(supported(ProviderType.OPENAI))
        .containsExactlyInAnyOrder(
            "temperature", "maxOutputTokens", "topP", "stopSequences", "json", "jsonSchema");
    assertThat(supported(ProviderType.OPENAI_COMPATIBLE)).isEqualTo(supported(ProviderType.OPENAI));
    assertThat(supported(ProviderType.AZURE_OPENAI)).isEqualTo(supported(ProviderType.OPENAI));
    assertThat(supported(ProviderType.ANTHROPIC))
        .containsExactlyInAnyOrder(
            "temperature", "maxOutputTokens", "topP", "topK", "stopSequences", "jsonSchema");
    assertThat(supported(ProviderType.GEMINI)).containsExactlyInAnyOrderElementsOf(Parameters.ALL);
    assertThat(supported(ProviderType.OLLAMA)).containsExactlyInAnyOrderElementsOf(Parameters.ALL);
  }

  @ParameterizedTest
  @EnumSource(
      value = ProviderType.class,
      names = {"OPENAI_COMPATIBLE", "AZURE_OPENAI"})
  void baseUrlRequiredWhereThereIsNoPublicEndpoint(ProviderType type) {
    assertThatThrownBy(() -> providers.create(config(type, null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("provider 'p' (" + type.wireName() + ") has no baseUrl");
  }

  @Test
  void baseUrlMustBeHttp() {
    assertThatThrownBy(() -> providers.create(config(ProviderType.OPENAI, "ftp://x/v1")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'ftp://x/v1' is not an http(s) URL");
  }

  @Test
  void publicEndpointsByDefault() {
    assertThat(Providers.defaultBaseUrl(ProviderType.OPENAI)).contains("https://api.openai.com/v1");
    assertThat(Providers.defaultBaseUrl(ProviderType.OLLAMA)).contains("http://localhost:11434");
    assertThat(Providers.defaultBaseUrl(ProviderType.AZURE_OPENAI)).isEmpty();
  }

  @Test
  void apiVersionAddedOnlyWhenMissing() {
    assertThat(Providers.withVersion("https://api.anthropic.com", "/v1"))
        .isEqualTo("https://api.anthropic.com/v1");
    assertThat(Providers.withVersion("http://127.0.0.1:1/v1", "/v1"))
        .isEqualTo("http://127.0.0.1:1/v1");
    assertThat(Providers.withVersion("http://h/v1beta", "/v1beta")).isEqualTo("http://h/v1beta");
    assertThat(Providers.withVersion("http://h/v1", "/v1beta")).isEqualTo("http://h/v1");
  }

  @Test
  void toStringHidesTheKey() {
    try (var p = providers.create(config(ProviderType.OPENAI, null))) {
      assertThat(p.toString()).contains("provider 'p' (openai)").doesNotContain(KEY);
    }
  }

  @Test
  void unsupportedParameterRefusedBeforeAnythingIsSent() {
    // port 9 (discard) is closed here: had the call gone out, it would be UNREACHABLE
    try (var p = providers.create(config(ProviderType.OPENAI, "http://127.0.0.1:9/v1"))) {
      var topK = new GenerationConfig(null, null, null, 40, null, false, null);
      assertThatThrownBy(() -> p.chat(request(topK)))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(Failure.UNSUPPORTED);
                assertThat(e.getMessage())
                    .contains("provider 'p' (openai) does not support topK", "gpt-4o-mini");
                assertThat(e.hint()).contains("openai supports temperature");
              });
    }
  }

  @Test
  void anthropicRefusesJsonWithoutSchemaAndSaysWhatToDo() {
    try (var p = providers.create(config(ProviderType.ANTHROPIC, "http://127.0.0.1:9"))) {
      var json = new GenerationConfig(null, null, null, null, null, true, null);
      assertThatThrownBy(() -> p.chat(request(json)))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(Failure.UNSUPPORTED);
                assertThat(e.getMessage())
                    .contains("does not support json (JSON output without a schema)");
                assertThat(e.hint()).contains("output schema");
              });
    }
  }

  @Test
  void missingKeyWhereOneIsNeededIsUnauthorized() {
    var noKey =
        new ProviderConfig(
            "p", ProviderType.GEMINI, "http://127.0.0.1:9", null, Map.of(), null, 0, 0, 0);
    try (var p = providers.create(noKey)) {
      assertThatThrownBy(() -> p.chat(request(GenerationConfig.none())))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.failure()).isEqualTo(Failure.UNAUTHORIZED));
    }
  }

  private java.util.Set<String> supported(ProviderType type) {
    try (var p = providers.create(config(type, "http://127.0.0.1:9"))) {
      return p.supportedParameters();
    }
  }

  static ProviderConfig config(ProviderType type, String baseUrl) {
    return new ProviderConfig("p", type, baseUrl, KEY, Map.of(), Duration.ofSeconds(2), 0, 0, 0);
  }

  static ChatRequest request(GenerationConfig config) {
    try {
      var messages =
          (ArrayNode)
              new ObjectMapper().readTree("[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]");
      return new ChatRequest(
          new ModelRef("p", "gpt-4o-mini"), messages, config, Duration.ofSeconds(2));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
