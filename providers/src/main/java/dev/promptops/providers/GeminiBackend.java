package dev.promptops.providers;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.googleai.GoogleAiEmbeddingModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Google's Gemini API ({@code POST {baseUrl}/v1beta/models/{model}:generateContent} and {@code
 * :streamGenerateContent?alt=sse}, {@code x-goog-api-key}) on LangChain4j's Google AI Gemini
 * module. Every parameter maps; a JSON schema goes as {@code responseJsonSchema}. Images only
 * inline: LangChain4j would download an http image URL on the PromptOps server.
 *
 * <p>Embeddings: {@code POST {baseUrl}/models/{model}:embedContent}, one request per text.
 * LangChain4j 1.11's batch path ({@code embedAll}, {@code :batchEmbedContents}) ignores {@code
 * maxRetries} and retries every failure twice on its own, which would hide 429s and 5xx from
 * PromptOps' retries and limits; its single-text path honours {@code maxRetries(0)}.
 */
final class GeminiBackend implements Backend, EmbeddingBackend {
  static final String GEMINI_URL = "https://generativelanguage.googleapis.com/v1beta";

  private final String baseUrl;
  private final Secret key;

  GeminiBackend(String baseUrl, Secret key) {
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
    return true;
  }

  @Override
  public ChatModel chatModel(Call call) {
    return GoogleAiGeminiChatModel.builder()
        .httpClientBuilder(call.http())
        .baseUrl(baseUrl)
        .apiKey(key.reveal())
        .modelName(call.model())
        .timeout(call.timeout())
        .maxRetries(0)
        .logRequestsAndResponses(false)
        .build();
  }

  @Override
  public EmbeddingModel embeddingModel(Call call) {
    return GoogleAiEmbeddingModel.builder()
        .httpClientBuilder(call.http())
        .baseUrl(baseUrl)
        .apiKey(key.reveal())
        .modelName(call.model())
        .timeout(call.timeout())
        .maxRetries(0)
        .logRequestsAndResponses(false)
        .build();
  }

  /** One {@code :embedContent} request per text, in order, within the call's one deadline. */
  @Override
  public List<Embedding> embed(Call call, List<String> texts) {
    EmbeddingModel model = embeddingModel(call);
    var out = new ArrayList<Embedding>(texts.size());
    for (String text : texts) {
      out.add(model.embed(text).content());
    }
    return out;
  }

  @Override
  public StreamingChatModel streamingModel(Call call) {
    return GoogleAiGeminiStreamingChatModel.builder()
        .httpClientBuilder(call.http())
        .baseUrl(baseUrl)
        .apiKey(key.reveal())
        .modelName(call.model())
        .timeout(call.timeout())
        .logRequestsAndResponses(false)
        .build();
  }
}
