package dev.promptops.core.provider;

/**
 * Builds a {@link ChatProvider} for a configuration; implemented by the {@code providers} module.
 */
@FunctionalInterface
public interface ProviderFactory {
  ChatProvider create(ProviderConfig config);
}
