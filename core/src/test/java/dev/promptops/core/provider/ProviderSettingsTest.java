package dev.promptops.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderSettingsTest {

  static ProviderSettings settings(
      String name, ProviderType type, String baseUrl, Map<String, String> options) {
    return new ProviderSettings(name, type, baseUrl, options, null, 2, 0, 0);
  }

  @Test
  void defaultsAndTheConfigExecutionUses() {
    var s = ProviderSettings.of("openai", ProviderType.OPENAI, null);

    assertThat(s.timeout()).isEqualTo(ProviderConfig.DEFAULT_TIMEOUT);
    assertThat(s.options()).isEmpty();
    ProviderConfig config = s.config("sk-1");
    assertThat(config.apiKey()).isEqualTo("sk-1");
    assertThat(config.toString()).doesNotContain("sk-1");
    assertThat(ProviderSettings.apiKeyVariable("azure-eu_2"))
        .isEqualTo("PROMPTOPS_PROVIDER_AZURE_EU_2_API_KEY");
  }

  @Test
  void someTypesNeedABaseUrl() {
    refused(
        () -> ProviderSettings.of("local", ProviderType.OPENAI_COMPATIBLE, " "),
        "missing_base_url",
        "a provider of type openai-compatible needs a base URL");
    refused(
        () -> settings("az", ProviderType.AZURE_OPENAI, null, Map.of("apiVersion", "2024-10-21")),
        "missing_base_url",
        "a provider of type azure-openai needs a base URL");
  }

  @Test
  void azureNeedsAnApiVersion() {
    refused(
        () -> ProviderSettings.of("az", ProviderType.AZURE_OPENAI, "https://x.openai.azure.com"),
        "invalid_api_version",
        "a provider of type azure-openai needs the option apiVersion");
    assertThat(
            settings(
                    "az",
                    ProviderType.AZURE_OPENAI,
                    "https://x.openai.azure.com",
                    Map.of("apiVersion", "2024-10-01-preview", "deployment", "gpt4o"))
                .options())
        .containsEntry("apiVersion", "2024-10-01-preview");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com", "example.com/v1", "http://", "http://exa mple.com"})
  void baseUrlsAreHttpUrls(String url) {
    assertThatThrownBy(() -> ProviderSettings.of("x", ProviderType.OPENAI, url))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("code", "invalid_base_url")
        .hasMessageStartingWith("baseUrl is not a usable URL");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://user:sk-secret-1@example.com/v1",
        "https://example.com/v1?key=sk-secret-1",
        "https://example.com/v1#sk-secret-1"
      })
  void baseUrlsCannotCarryCredentials(String url) {
    assertThatThrownBy(() -> ProviderSettings.of("x", ProviderType.OPENAI, url))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("code", "invalid_base_url")
        .hasMessageContaining("stored and audited in plain text")
        .hasMessageNotContaining("sk-secret-1");
  }

  @Test
  void optionsCannotHoldCredentials() {
    refused(
        () -> settings("x", ProviderType.OPENAI, null, Map.of("apiKey", "sk-1")),
        "secret_in_option",
        "option 'apiKey' looks like a credential; options are stored and audited in plain text");
    refused(
        () -> settings("x", ProviderType.OPENAI, null, Map.of("1x", "y")),
        "invalid_option",
        "not a valid option name: '1x'");
  }

  @Test
  void limitsAreNonNegative() {
    refused(
        () -> new ProviderSettings("x", ProviderType.OPENAI, null, null, null, -1, 0, 0),
        "invalid_max_retries",
        "maxRetries must be between 0 and 10: -1");
    refused(
        () -> new ProviderSettings("x", ProviderType.OPENAI, null, null, null, 0, -1, 0),
        "invalid_max_concurrent",
        "maxConcurrent must be 0 or more: -1");
    refused(
        () -> new ProviderSettings("x", ProviderType.OPENAI, null, null, null, 0, 0, -5),
        "invalid_requests_per_minute",
        "requestsPerMinute must be 0 or more: -5");
    refused(
        () -> new ProviderSettings("x", ProviderType.OPENAI, null, null, Duration.ZERO, 0, 0, 0),
        "invalid_timeout",
        "timeoutSeconds must be between 1 and 3600: 0");
  }

  @Test
  void namesFollowTheProjectRules() {
    refused(
        () -> ProviderSettings.of("OpenAI", ProviderType.OPENAI, null),
        "invalid_provider_name",
        "not a valid provider name: 'OpenAI'");
  }

  static void refused(ThrowingCallable call, String code, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("code", code)
        .hasMessage(message);
  }
}
