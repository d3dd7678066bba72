package dev.promptops.core.provider;

/**
 * Builds the {@link EmbeddingProvider} of a configured provider; implemented by the {@code
 * providers} module ({@code EmbeddingProviders}). Building sends nothing.
 */
@FunctionalInterface
public interface EmbeddingFactory {

  /**
   * @throws dev.promptops.core.InvalidInputException when the configuration lacks a required base
   *     URL or has one that is not an http(s) URL
   * @throws ProviderException {@link ProviderException.Failure#UNSUPPORTED} when the provider's
   *     type has no embeddings API (Anthropic), naming the type and what to use instead
   */
  EmbeddingProvider create(ProviderConfig config);
}
