package dev.promptops.core.eval.engine;

import dev.promptops.core.provider.ModelRef;

/** Embeds texts with a model, within its provider's limits and retries. */
@FunctionalInterface
public interface EmbeddingCalls {
  /**
   * @throws dev.promptops.core.PromptOpsException when the provider cannot embed or keeps failing
   */
  float[] embed(ModelRef model, String text);

  /** None available: every call says how to configure one. */
  static EmbeddingCalls none() {
    return (model, text) -> {
      throw new dev.promptops.core.InvalidInputException(
          "no_embeddings",
          "cannot embed with " + model + ": this run has no embeddings providers",
          "run the suite where its providers are configured");
    };
  }
}
