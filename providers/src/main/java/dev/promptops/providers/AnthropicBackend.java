package dev.promptops.providers;

import static dev.promptops.providers.Parameters.JSON_SCHEMA;
import static dev.promptops.providers.Parameters.MAX_OUTPUT_TOKENS;
import static dev.promptops.providers.Parameters.STOP_SEQUENCES;
import static dev.promptops.providers.Parameters.TEMPERATURE;
import static dev.promptops.providers.Parameters.TOP_K;
import static dev.promptops.providers.Parameters.TOP_P;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.Set;

/**
 * Anthropic's Messages API ({@code POST {baseUrl}/v1/messages}, {@code x-api-key}) on LangChain4j's
 * Anthropic module. JSON output needs a schema ({@code output_config}): Anthropic has no schemaless
 * JSON mode. {@code max_tokens} is required by the API; LangChain4j sends 1024 when the prompt sets
 * no {@code maxOutputTokens}.
 */
final class AnthropicBackend implements Backend {
  static final String ANTHROPIC_URL = "https://api.anthropic.com/v1";

  private static final Set<String> SUPPORTED =
      Set.of(TEMPERATURE, MAX_OUTPUT_TOKENS, TOP_P, TOP_K, STOP_SEQUENCES, JSON_SCHEMA);

  private final String baseUrl;
  private final Secret key;

  AnthropicBackend(String baseUrl, Secret key) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  @Override
  public Set<String> supportedParameters() {
    return SUPPORTED;
  }

  @Override
  public Messages.Media media() {
    return Messages.Media.URLS_AND_INLINE;
  }

  @Override
  public boolean needsApiKey() {
    return true;
  }

  @Override
  public ChatModel chatModel(Call call) {
    return AnthropicChatModel.builder()
        .httpClientBuilder(call.http())
        .baseUrl(baseUrl)
        .apiKey(key.reveal())
        .modelName(call.model())
        .timeout(call.timeout())
        .maxRetries(0)
        .logRequests(false)
        .logResponses(false)
        .build();
  }

  @Override
  public StreamingChatModel streamingModel(Call call) {
    return AnthropicStreamingChatModel.builder()
        .httpClientBuilder(call.http())
        .baseUrl(baseUrl)
        .apiKey(key.reveal())
        .modelName(call.model())
        .timeout(call.timeout())
        .logRequests(false)
        .logResponses(false)
        .build();
  }
}
