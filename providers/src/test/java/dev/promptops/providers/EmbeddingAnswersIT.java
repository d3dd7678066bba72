package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.promptops.core.provider.EmbeddingProvider;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderException.Failure;
import dev.promptops.core.provider.ProviderType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers the mock LLM server never gives, from a stub Ollama on port 0: too few vectors, vectors
 * of different lengths, {@code Retry-After} as a date.
 */
class EmbeddingAnswersIT {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  HttpServer stub;

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.stop(0);
    }
  }

  @Test
  void tooFewVectorsIsABadResponse() {
    serve(200, Map.of(), "{\"model\": \"m\", \"embeddings\": [[0.6, 0.8]]}");

    try (var p = provider()) {
      assertThat(failure(() -> p.embed("m", List.of("a", "b"))).getMessage())
          .contains("cannot read", "model m", "1 vectors for 2 texts");
    }
  }

  @Test
  void vectorsOfDifferentLengthsAreABadResponse() {
    serve(200, Map.of(), "{\"model\": \"m\", \"embeddings\": [[0.6, 0.8], [1.0]]}");

    try (var p = provider()) {
      assertThat(failure(() -> p.embed("m", List.of("a", "b"))).getMessage())
          .contains("vectors of different lengths");
    }
  }

  @Test
  void retryAfterAsAnHttpDate() {
    serve(429, Map.of("Retry-After", "Wed, 25 Nov 2026 12:00:42 GMT"), "{\"error\": \"busy\"}");

    try (var p = provider()) {
      assertThatThrownBy(() -> p.embed("m", "a"))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED);
                assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(42));
              });
    }
  }

  private static ProviderException failure(Runnable call) {
    try {
      call.run();
    } catch (ProviderException e) {
      assertThat(e.failure()).isEqualTo(Failure.BAD_RESPONSE);
      return e;
    }
    throw new AssertionError("expected a ProviderException");
  }

  private void serve(int status, Map<String, String> headers, String body) {
    try {
      stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stub.createContext("/", ex -> answer(ex, status, headers, body));
    stub.start();
  }

  private static void answer(HttpExchange ex, int status, Map<String, String> headers, String body)
      throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.getResponseHeaders().set("Content-Type", "application/json");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  private EmbeddingProvider provider() {
    String url = "http://127.0.0.1:" + stub.getAddress().getPort();
    return new EmbeddingProviders(CLOCK)
        .create(
            new ProviderConfig(
                "stub", ProviderType.OLLAMA, url, null, Map.of(), Duration.ofSeconds(5), 0, 0, 0));
  }
}
