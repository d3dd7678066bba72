package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderException.Failure;
import dev.promptops.core.provider.ProviderType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the embedding adapters decide before anything is sent. The base URL is a closed port: a
 * request that went out would fail as UNREACHABLE instead.
 */
class EmbeddingProvidersTest {
  static final String KEY = "sk-secret-embed-17";
  static final String NOWHERE = "http://127.0.0.1:9";
  final EmbeddingProviders factory = new EmbeddingProviders();

  @Test
  void anthropicHasNoEmbeddings() {
    assertThatThrownBy(() -> factory.create(config(ProviderType.ANTHROPIC, NOWHERE, KEY)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(Failure.UNSUPPORTED);
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage())
                  .isEqualTo(
                      "provider 'p' (anthropic) cannot embed texts: Anthropic has no embeddings"
                          + " API");
              assertThat(e.hint()).contains("openai-compatible", "ollama");
            });
  }

  @ParameterizedTest
  @EnumSource(
      value = ProviderType.class,
      names = {"OPENAI_COMPATIBLE", "AZURE_OPENAI"})
  void baseUrlRequiredWhereThereIsNoPublicEndpoint(ProviderType type) {
    assertThatThrownBy(() -> factory.create(config(type, null, KEY)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("provider 'p' (" + type.wireName() + ") has no baseUrl");
  }

  @Test
  void baseUrlMustBeHttp() {
    assertThatThrownBy(() -> factory.create(config(ProviderType.OLLAMA, "ftp://x", KEY)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'ftp://x' is not an http(s) URL");
  }

  @ParameterizedTest
  @EnumSource(value = ProviderType.class, names = "ANTHROPIC", mode = EnumSource.Mode.EXCLUDE)
  void nameAndAHiddenKey(ProviderType type) {
    try (var p = factory.create(config(type, NOWHERE, KEY))) {
      assertThat(p.name()).isEqualTo("p");
      assertThat(p.toString())
          .contains("provider 'p' (" + type.wireName() + ")", "apiKey=***")
          .doesNotContain(KEY);
    }
  }

  @Test
  void blankTextsAndModelsAreRefused() {
    try (var p = factory.create(config(ProviderType.OPENAI, NOWHERE, KEY))) {
      assertThat(refusal(() -> p.embed("m", List.of("a", "b", ""))).getMessage())
          .isEqualTo("provider 'p' (openai) cannot embed a blank text (text 3 of 3, model m)");
      assertThat(refusal(() -> p.embed("m", (String) null)).getMessage()).contains("text 1 of 1");
      assertThat(refusal(() -> p.embed("m", Arrays.asList("a", null))).getMessage())
          .contains("text 2 of 2");
      assertThat(refusal(() -> p.embed(" ", "a")).getMessage()).contains("without a model");
    }
  }

  @Test
  void noTextsNoRequest() {
    try (var p = factory.create(config(ProviderType.OLLAMA, NOWHERE, null))) {
      assertThat(p.embed("m", List.of())).isEmpty();
    }
  }

  @Test
  void aRequestReallyGoesOut() {
    try (var p = factory.create(config(ProviderType.OLLAMA, NOWHERE, null))) {
      assertThatThrownBy(() -> p.embed("m", "a"))
          .isInstanceOfSatisfying(
              ProviderException.class, e -> assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE));
    }
  }

  private static ProviderException refusal(Runnable call) {
    try {
      call.run();
    } catch (ProviderException e) {
      assertThat(e.failure()).isEqualTo(Failure.BAD_REQUEST);
      return e;
    }
    throw new AssertionError("expected a refusal");
  }

  private static ProviderConfig config(ProviderType type, String baseUrl, String key) {
    return new ProviderConfig("p", type, baseUrl, key, Map.of(), Duration.ofSeconds(2), 0, 0, 0);
  }
}
