package dev.promptops.providers;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.provider.EmbeddingFactory;
import dev.promptops.core.provider.EmbeddingProvider;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderException.Failure;
import java.time.Clock;

/**
 * Creates the {@link EmbeddingProvider} of a configured provider, on LangChain4j and the same
 * transport, timeouts and failure mapping as the chat adapters of {@link Providers}. {@code
 * baseUrl} is the one the provider's chat uses:
 *
 * <ul>
 *   <li>openai, openai-compatible: {@code POST {baseUrl}/embeddings}
 *   <li>azure-openai: {@code POST {baseUrl}/openai/deployments/{model}/embeddings?api-version=…};
 *       the model is the deployment (option {@code deployment}, a chat deployment, is not used)
 *   <li>gemini: {@code POST {baseUrl}/v1beta/models/{model}:embedContent}, one request per text
 *   <li>ollama: {@code POST {baseUrl}/api/embed}
 *   <li>anthropic: refused, Anthropic has no embeddings API
 * </ul>
 */
public final class EmbeddingProviders implements EmbeddingFactory {
  private final Clock clock;

  public EmbeddingProviders() {
    this(Clock.systemUTC());
  }

  /** With the clock that dates in {@code Retry-After} are read against. */
  public EmbeddingProviders(Clock clock) {
    this.clock = clock;
  }

  /**
   * @throws InvalidInputException when the configuration lacks a required base URL or has one that
   *     is not an http(s) URL
   * @throws ProviderException {@link Failure#UNSUPPORTED} for an {@code anthropic} provider
   */
  @Override
  public EmbeddingProvider create(ProviderConfig config) {
    Secret key = Secret.of(config.apiKey());
    EmbeddingBackend backend =
        switch (config.type()) {
          case OPENAI, OPENAI_COMPATIBLE -> OpenAiBackend.openAi(Providers.baseUrl(config), key);
          case AZURE_OPENAI ->
              OpenAiBackend.azure(
                  Providers.baseUrl(config),
                  key,
                  Providers.blankToNull(config.options().get("apiVersion")),
                  null);
          case GEMINI ->
              new GeminiBackend(Providers.withVersion(Providers.baseUrl(config), "/v1beta"), key);
          case OLLAMA -> new OllamaBackend(Providers.baseUrl(config), key);
          case ANTHROPIC -> throw noEmbeddings(config);
        };
    return new LangChain4jEmbeddingProvider(config, backend, key, clock);
  }

  private static ProviderException noEmbeddings(ProviderConfig config) {
    return new ProviderException(
        Failure.UNSUPPORTED,
        "provider '"
            + config.name()
            + "' (anthropic) cannot embed texts: Anthropic has no embeddings API",
        "use an embeddings model of another provider for similar, e.g. an openai-compatible"
            + " provider (openai/text-embedding-3-small) or ollama (ollama/nomic-embed-text)");
  }
}
