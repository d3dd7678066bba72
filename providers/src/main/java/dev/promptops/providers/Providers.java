package dev.promptops.providers;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.provider.ChatProvider;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderFactory;
import dev.promptops.core.provider.ProviderType;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates the {@link ChatProvider} for a configured provider, on LangChain4j. Each provider answers
 * {@link ChatProvider#supportedParameters()} truthfully and makes exactly one attempt per call;
 * retries, limits and fallback are {@code ResilientCalls}'.
 *
 * <p>{@code baseUrl} is the endpoint as the provider's own SDK takes it; without one the public
 * endpoint is used. It is required for {@code openai-compatible} and {@code azure-openai}:
 *
 * <ul>
 *   <li>openai, openai-compatible: up to the API version, e.g. {@code https://api.openai.com/v1},
 *       {@code http://localhost:8000/v1}; calls go to {@code {baseUrl}/chat/completions}
 *   <li>azure-openai: the resource endpoint, e.g. {@code https://NAME.openai.azure.com}; the model
 *       is the deployment (or option {@code deployment}), option {@code apiVersion} the API version
 *       (default {@value OpenAiBackend#AZURE_API_VERSION})
 *   <li>anthropic: {@code https://api.anthropic.com} ({@code /v1} is added when missing)
 *   <li>gemini: {@code https://generativelanguage.googleapis.com} ({@code /v1beta} is added when no
 *       version ends the URL)
 *   <li>ollama: {@code http://localhost:11434}
 * </ul>
 */
public final class Providers implements ProviderFactory {
  private static final Pattern VERSION_SEGMENT = Pattern.compile(".*/v\\d+(alpha|beta)?\\d*$");

  private final Clock clock;

  public Providers() {
    this(Clock.systemUTC());
  }

  /** With the clock that dates in {@code Retry-After} are read against. */
  public Providers(Clock clock) {
    this.clock = clock;
  }

  /**
   * @throws InvalidInputException when the configuration lacks a required base URL or has one that
   *     is not an http(s) URL
   */
  @Override
  public ChatProvider create(ProviderConfig config) {
    Secret key = Secret.of(config.apiKey());
    Backend backend =
        switch (config.type()) {
          case OPENAI -> OpenAiBackend.openAi(baseUrl(config), key);
          case OPENAI_COMPATIBLE -> OpenAiBackend.openAi(baseUrl(config), key);
          case AZURE_OPENAI ->
              OpenAiBackend.azure(
                  baseUrl(config),
                  key,
                  blankToNull(config.options().get("apiVersion")),
                  blankToNull(config.options().get("deployment")));
          case ANTHROPIC -> new AnthropicBackend(withVersion(baseUrl(config), "/v1"), key);
          case GEMINI -> new GeminiBackend(withVersion(baseUrl(config), "/v1beta"), key);
          case OLLAMA -> new OllamaBackend(baseUrl(config), key);
        };
    return new LangChain4jChatProvider(config, backend, key, clock);
  }

  /** The endpoint a provider of {@code type} calls when its configuration names none. */
  public static Optional<String> defaultBaseUrl(ProviderType type) {
    return Optional.ofNullable(
        switch (type) {
          case OPENAI -> OpenAiBackend.OPENAI_URL;
          case ANTHROPIC -> AnthropicBackend.ANTHROPIC_URL;
          case GEMINI -> GeminiBackend.GEMINI_URL;
          case OLLAMA -> OllamaBackend.OLLAMA_URL;
          case OPENAI_COMPATIBLE, AZURE_OPENAI -> null;
        });
  }

  /** The configuration's base URL, checked, without a trailing slash; else the default one. */
  static String baseUrl(ProviderConfig config) {
    String url = blankToNull(config.baseUrl());
    if (url == null) {
      return defaultBaseUrl(config.type())
          .orElseThrow(
              () ->
                  new InvalidInputException(
                      "provider_base_url_required",
                      "provider '"
                          + config.name()
                          + "' ("
                          + config.type().wireName()
                          + ") has no baseUrl",
                      config.type() == ProviderType.AZURE_OPENAI
                          ? "set baseUrl to the resource endpoint, e.g."
                              + " https://NAME.openai.azure.com"
                          : "set baseUrl to the endpoint, e.g. http://localhost:8000/v1"));
    }
    return checked(config, url.strip());
  }

  private static String checked(ProviderConfig config, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getRawQuery() != null) {
      throw new InvalidInputException(
          "invalid_provider_base_url",
          "provider '" + config.name() + "': baseUrl '" + url + "' is not an http(s) URL",
          "write it like https://api.openai.com/v1 or http://127.0.0.1:11434, without a query");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** {@code url} ending in an API version segment ({@code /v1}, {@code /v1beta}), else + suffix. */
  static String withVersion(String url, String suffix) {
    return VERSION_SEGMENT.matcher(url).matches() ? url : url + suffix;
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
