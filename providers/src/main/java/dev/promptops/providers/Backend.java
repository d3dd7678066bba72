package dev.promptops.providers;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.time.Duration;
import java.util.Set;

/**
 * One wire protocol as LangChain4j speaks it: which parameters and media it takes, and its models
 * built for one call (LangChain4j fixes the timeout and HTTP client when a model is built, so each
 * call builds its own; that is cheap, the connection pool is shared).
 */
sealed interface Backend permits OpenAiBackend, AnthropicBackend, GeminiBackend, OllamaBackend {

  /** What one call needs: the model, its time allowed, and the transport bound to its exchange. */
  record Call(String model, Duration timeout, HttpClientBuilder http) {}

  Set<String> supportedParameters();

  Messages.Media media();

  boolean needsApiKey();

  /** A model that makes exactly one attempt (LangChain4j's own retries off). */
  ChatModel chatModel(Call call);

  StreamingChatModel streamingModel(Call call);
}
