package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.promptops.core.provider.ChatProvider;
import dev.promptops.core.provider.ChatRequest;
import dev.promptops.core.provider.ChatResponse;
import dev.promptops.core.provider.GenerationConfig;
import dev.promptops.core.provider.ModelRef;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderException.Failure;
import dev.promptops.core.provider.ProviderType;
import dev.promptops.core.provider.StreamListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the mock LLM server does not do, against a stub on port 0: {@code Retry-After} as a date and
 * OpenAI's {@code retry-after-ms}, a stream that ends without its last event, a listener that
 * throws.
 */
class TransportIT {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  HttpServer stub;

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.stop(0);
    }
  }

  @Test
  void retryAfterAsAnHttpDate() {
    serve(ex -> answer(ex, 429, Map.of("Retry-After", "Wed, 25 Nov 2026 12:00:42 GMT"), "{}"));

    try (var p = provider(ProviderType.OPENAI, "/v1")) {
      assertThatThrownBy(() -> p.chat(request()))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED);
                assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(42));
              });
    }
  }

  @Test
  void retryAfterInMillisecondsWhenThatIsAllThereIs() {
    serve(ex -> answer(ex, 503, Map.of("retry-after-ms", "1500"), "{}"));

    try (var p = provider(ProviderType.OPENAI, "/v1")) {
      assertThatThrownBy(() -> p.chat(request()))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(Failure.SERVER_ERROR);
                assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500));
              });
    }
  }

  @Test
  void aStreamThatEndsBeforeItsLastEventIsABadResponse() {
    serve(
        ex ->
            answer(
                ex,
                200,
                Map.of("Content-Type", "text/event-stream"),
                """
                event: message_start
                data: {"type":"message_start","message":{"id":"m","model":"c","usage":{"input_tokens":3,"output_tokens":0}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

                """));

    try (var p = provider(ProviderType.ANTHROPIC, "")) {
      assertThatThrownBy(() -> p.stream(request(), ignore()))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.failure()).isEqualTo(Failure.BAD_RESPONSE);
                assertThat(e.getMessage()).contains("ended before the answer was complete");
              });
    }
  }

  @Test
  void aListenerThatThrowsStopsTheStreamWithItsOwnException() {
    serve(
        ex ->
            answer(
                ex,
                200,
                Map.of("Content-Type", "text/event-stream"),
                """
                data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}

                data: {"choices":[{"index":0,"delta":{"content":"lo"}}]}

                data: [DONE]

                """));
    var gone = new IllegalStateException("the client went away");

    try (var p = provider(ProviderType.OPENAI, "/v1")) {
      assertThatThrownBy(
              () ->
                  p.stream(
                      request(),
                      new StreamListener() {
                        @Override
                        public void onDelta(String text) {
                          throw gone;
                        }

                        @Override
                        public void onComplete(ChatResponse response) {}
                      }))
          .isSameAs(gone);
    }
  }

  private void serve(Consumer<HttpExchange> handler) {
    try {
      stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stub.createContext("/", ex -> handler.accept(ex));
    stub.start();
  }

  private static void answer(
      HttpExchange ex, int status, Map<String, String> headers, String body) {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ChatProvider provider(ProviderType type, String path) {
    String url = "http://127.0.0.1:" + stub.getAddress().getPort() + path;
    return new Providers(CLOCK)
        .create(
            new ProviderConfig(
                "stub", type, url, "sk-stub", Map.of(), Duration.ofSeconds(5), 0, 0, 0));
  }

  private static ChatRequest request() {
    return new ChatRequest(
        new ModelRef("stub", "m"),
        ProviderContract.user("Hi"),
        GenerationConfig.none(),
        Duration.ofSeconds(5));
  }

  private static StreamListener ignore() {
    return ProviderContract.listener(new java.util.ArrayList<>(), new java.util.ArrayList<>());
  }
}
