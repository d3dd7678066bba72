package dev.promptops.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentProvidersTest {

  static ProviderConfig resolve(Map<String, String> env, String name) {
    return new EnvironmentProviders(env).resolve("shop", name);
  }

  @Test
  void wellKnownNamesComeFromTheirUsualVariables() {
    var openai = resolve(Map.of("OPENAI_API_KEY", "sk-o"), "openai");
    assertThat(openai.type()).isEqualTo(ProviderType.OPENAI);
    assertThat(openai.apiKey()).isEqualTo("sk-o");
    assertThat(openai.baseUrl()).isNull();

    var custom =
        resolve(
            Map.of("OPENAI_API_KEY", "sk-o", "OPENAI_BASE_URL", "http://127.0.0.1:9/v1"), "openai");
    assertThat(custom.baseUrl()).isEqualTo("http://127.0.0.1:9/v1");

    var anthropic = resolve(Map.of("ANTHROPIC_API_KEY", "sk-a"), "anthropic");
    assertThat(anthropic.type()).isEqualTo(ProviderType.ANTHROPIC);
    assertThat(anthropic.apiKey()).isEqualTo("sk-a");
  }

  @Test
  void googleAndGeminiAreTheSameProvider() {
    var google = resolve(Map.of("GOOGLE_API_KEY", "g-1"), "google");
    assertThat(google.type()).isEqualTo(ProviderType.GEMINI);
    assertThat(google.name()).isEqualTo("google");
    assertThat(google.apiKey()).isEqualTo("g-1");

    var gemini = resolve(Map.of("GOOGLE_API_KEY", "g-1", "GEMINI_API_KEY", "g-2"), "gemini");
    assertThat(gemini.apiKey()).as("GEMINI_API_KEY first").isEqualTo("g-2");
  }

  @Test
  void ollamaNeedsOnlyAHost() {
    assertThat(resolve(Map.of("OLLAMA_HOST", "127.0.0.1"), "ollama").baseUrl())
        .isEqualTo("http://127.0.0.1:11434");
    assertThat(resolve(Map.of("OLLAMA_HOST", "gpu-box:8080"), "ollama").baseUrl())
        .isEqualTo("http://gpu-box:8080");
    assertThat(resolve(Map.of("OLLAMA_HOST", "https://ollama.example.com"), "ollama").baseUrl())
        .isEqualTo("https://ollama.example.com");
    assertThat(resolve(Map.of("OLLAMA_HOST", "127.0.0.1"), "ollama").apiKey()).isNull();
  }

  @Test
  void azureNeedsKeyEndpointAndVersion() {
    var env =
        Map.of(
            "AZURE_OPENAI_API_KEY", "az-1",
            "AZURE_OPENAI_ENDPOINT", "https://x.openai.azure.com",
            "AZURE_OPENAI_API_VERSION", "2024-10-21");
    var azure = resolve(env, "azure-openai");
    assertThat(azure.type()).isEqualTo(ProviderType.AZURE_OPENAI);
    assertThat(azure.options()).containsEntry("apiVersion", "2024-10-21");

    assertThatThrownBy(() -> resolve(Map.of("AZURE_OPENAI_API_KEY", "az-1"), "azure-openai"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(
            "no provider 'azure-openai' in project 'shop', and AZURE_OPENAI_ENDPOINT,"
                + " AZURE_OPENAI_API_VERSION are not set on the server");
  }

  @Test
  void nothingConfiguredNamesTheProviderTheProjectAndTheFix() {
    assertThatThrownBy(() -> resolve(Map.of(), "openai"))
        .isInstanceOf(NotFoundException.class)
        .hasFieldOrPropertyWithValue("code", "provider_not_found")
        .hasMessage(
            "no provider 'openai' in project 'shop', and OPENAI_API_KEY is not set on the server")
        .satisfies(
            e ->
                assertThat(((NotFoundException) e).hint())
                    .isEqualTo(
                        "set OPENAI_API_KEY where the server runs, or add the provider: promptops"
                            + " provider add openai --type openai --api-key-env VAR"));
    assertThatThrownBy(() -> resolve(Map.of("OPENAI_API_KEY", "sk"), "vllm"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no provider 'vllm' in project 'shop'")
        .satisfies(
            e ->
                assertThat(((NotFoundException) e).hint())
                    .isEqualTo("promptops provider add vllm --type TYPE --api-key-env VAR"));
  }

  @Test
  void aBadBaseUrlVariableIsNamed() {
    assertThatThrownBy(
            () -> resolve(Map.of("OPENAI_API_KEY", "sk", "OPENAI_BASE_URL", "localhost"), "openai"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("OPENAI_BASE_URL is not a usable URL");
  }

  @Test
  void configuredProvidersWithoutASecretReadTheirOwnVariable() {
    var env = new EnvironmentProviders(Map.of("PROMPTOPS_PROVIDER_AZURE_EU_API_KEY", " k-1 "));
    assertThat(env.apiKeyFor("azure-eu")).isEqualTo("k-1");
    assertThat(env.apiKeyFor("openai")).isNull();
  }
}
