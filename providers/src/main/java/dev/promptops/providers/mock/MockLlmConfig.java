package dev.promptops.providers.mock;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to start a {@link MockLlmServer}.
 *
 * @param host the address to listen on: {@code 127.0.0.1} unless there is a reason
 * @param port 0 picks a free port
 * @param rules its behaviour
 * @param maxHold how long a timeout fault holds a request at most (released at once on close)
 * @param embeddingDimensions the length of embedding vectors when the request does not say
 * @param logLimit how many requests the request log keeps (the newest)
 * @param listener called with every request logged (e.g. to print it); may be null
 */
public record MockLlmConfig(
    String host,
    int port,
    MockRules rules,
    Duration maxHold,
    int embeddingDimensions,
    int logLimit,
    Consumer<RecordedRequest> listener) {

  /** The port of {@code promptops mock-llm}. */
  public static final int DEFAULT_PORT = 7171;

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final Duration DEFAULT_MAX_HOLD = Duration.ofSeconds(60);
  public static final int DEFAULT_EMBEDDING_DIMENSIONS = 256;
  public static final int DEFAULT_LOG_LIMIT = 10_000;

  public MockLlmConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(maxHold, "maxHold");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    if (embeddingDimensions < 1 || embeddingDimensions > Embeddings.MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "embedding dimensions out of range: " + embeddingDimensions);
    }
    if (logLimit < 1) {
      throw new IllegalArgumentException("log limit must be at least 1: " + logLimit);
    }
  }

  /** 127.0.0.1, a free port, no rules (the default echo), timeouts held 60 s at most. */
  public static MockLlmConfig defaults() {
    return new MockLlmConfig(
        DEFAULT_HOST,
        0,
        MockRules.none(),
        DEFAULT_MAX_HOLD,
        DEFAULT_EMBEDDING_DIMENSIONS,
        DEFAULT_LOG_LIMIT,
        null);
  }

  public MockLlmConfig withHost(String newHost) {
    return new MockLlmConfig(
        newHost, port, rules, maxHold, embeddingDimensions, logLimit, listener);
  }

  public MockLlmConfig withPort(int newPort) {
    return new MockLlmConfig(
        host, newPort, rules, maxHold, embeddingDimensions, logLimit, listener);
  }

  public MockLlmConfig withRules(MockRules newRules) {
    return new MockLlmConfig(
        host, port, newRules, maxHold, embeddingDimensions, logLimit, listener);
  }

  public MockLlmConfig withMaxHold(Duration newMaxHold) {
    return new MockLlmConfig(
        host, port, rules, newMaxHold, embeddingDimensions, logLimit, listener);
  }

  public MockLlmConfig withEmbeddingDimensions(int dimensions) {
    return new MockLlmConfig(host, port, rules, maxHold, dimensions, logLimit, listener);
  }

  public MockLlmConfig withLogLimit(int newLimit) {
    return new MockLlmConfig(host, port, rules, maxHold, embeddingDimensions, newLimit, listener);
  }

  public MockLlmConfig withListener(Consumer<RecordedRequest> newListener) {
    return new MockLlmConfig(
        host, port, rules, maxHold, embeddingDimensions, logLimit, newListener);
  }
}
