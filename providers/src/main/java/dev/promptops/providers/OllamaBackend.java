package dev.promptops.providers;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.util.Map;
import java.util.Set;

/**
 * Ollama's chat API ({@code POST {baseUrl}/api/chat}, streamed as JSON lines) on LangChain4j's
 * Ollama module. Every parameter maps ({@code maxOutputTokens} as {@code options.num_predict});
 * JSON output is {@code format: "json"} or the schema itself. A key, when configured (Ollama behind
 * a proxy), goes as {@code Authorization: Bearer}. Images only inline: LangChain4j would download
 * an http image URL, or read a {@code file:} URL, on the PromptOps server. Embeddings: {@code POST
 * {baseUrl}/api/embed}, every text in one request.
 */
final class OllamaBackend implements Backend, EmbeddingBackend {
  static final String OLLAMA_URL = "http://localhost:11434";

  private final String baseUrl;
  private final Secret key;

  OllamaBackend(String baseUrl, Secret key) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  @Override
  public Set<String> supportedParameters() {
    return Set.copyOf(Parameters.ALL);
  }

  @Override
  public Messages.Media media() {
    return Messages.Media.INLINE_ONLY;
  }

  @Override
  public boolean needsApiKey() {
    return false;
  }

  @Override
  public ChatModel chatModel(Call call) {
    return OllamaChatModel.builder()
        .httpClientBuilder(call.http())
        .baseUrl(baseUrl)
        .modelName(call.model())
        .timeout(call.timeout())
        .maxRetries(0)
        .customHeaders(headers())
        .logRequests(false)
        .logResponses(false)
        .build();
  }

  @Override
  public StreamingChatModel streamingModel(Call call) {
    return OllamaStreamingChatModel.builder()
        .httpClientBuilder(call.http())
        .baseUrl(baseUrl)
        .modelName(call.model())
        .timeout(call.timeout())
        .customHeaders(headers())
        .logRequests(false)
        .logResponses(false)
        .build();
  }

  @Override
  public EmbeddingModel embeddingModel(Call call) {
    return OllamaEmbeddingModel.builder()
        .httpClientBuilder(call.http())
        .baseUrl(baseUrl)
        .modelName(call.model())
        .timeout(call.timeout())
        .maxRetries(0)
        .customHeaders(headers())
        .logRequests(false)
        .logResponses(false)
        .build();
  }

  private Map<String, String> headers() {
    return key.present() ? Map.of("Authorization", "Bearer " + key.reveal()) : Map.of();
  }
}
