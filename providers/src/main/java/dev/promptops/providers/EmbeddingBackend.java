package dev.promptops.providers;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;

/**
 * One embeddings protocol as LangChain4j speaks it. Anthropic has none, so {@link AnthropicBackend}
 * is not one.
 */
sealed interface EmbeddingBackend permits OpenAiBackend, GeminiBackend, OllamaBackend {

  boolean needsApiKey();

  /**
   * A model for one call that makes exactly one attempt per request (LangChain4j's retries off).
   */
  EmbeddingModel embeddingModel(Backend.Call call);

  /** The vectors of {@code texts}: one batch request (LangChain4j splits very long lists). */
  default List<Embedding> embed(Backend.Call call, List<String> texts) {
    return embeddingModel(call).embedAll(texts.stream().map(TextSegment::from).toList()).content();
  }
}
