package dev.promptops.core.provider;

import java.util.Set;

/**
 * A model provider speaking one wire protocol. Implementations (module {@code providers}) make one
 * attempt per call and report failures as {@link ProviderException}; retries, limits and fallback
 * are the caller's ({@code ResilientCalls}).
 */
public interface ChatProvider extends AutoCloseable {

  /** The configured name of this provider in its project, e.g. {@code openai}. */
  String name();

  ProviderType type();

  /**
   * The generation parameters this provider can honour, by their Dotprompt names ({@code
   * temperature}, {@code maxOutputTokens}, {@code topP}, {@code topK}, {@code stopSequences},
   * {@code json}, {@code jsonSchema}). A call setting any other is refused with {@link
   * ProviderException.Failure#UNSUPPORTED} naming it, never silently dropped.
   */
  Set<String> supportedParameters();

  ChatResponse chat(ChatRequest request);

  /** Streams the answer; returns (or throws) when it is complete. */
  void stream(ChatRequest request, StreamListener listener);

  @Override
  default void close() {}
}
