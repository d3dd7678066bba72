package dev.promptops.core.eval.engine;

import dev.promptops.core.eval.Output;
import java.util.Optional;

/**
 * Model answers kept by key, so a suite run again (a second CI attempt, a new assertion on old
 * outputs) does not pay for the same calls twice. The key covers the provider and its endpoint, the
 * model, the generation parameters and the rendered messages ({@link CacheKey}); only answers are
 * kept, never failures.
 */
public interface ResponseCache {
  Optional<Output> get(String key);

  void put(String key, Output output);

  /** False when nothing is ever kept, so callers need not compute keys. */
  default boolean enabled() {
    return true;
  }

  /** No cache ({@code --no-cache}). */
  static ResponseCache none() {
    return new ResponseCache() {
      @Override
      public Optional<Output> get(String key) {
        return Optional.empty();
      }

      @Override
      public void put(String key, Output output) {}

      @Override
      public boolean enabled() {
        return false;
      }
    };
  }
}
