package dev.promptops.providers;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.promptops.providers.Exchange.Failure;
import dev.promptops.providers.Exchange.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * LangChain4j's HTTP client SPI on {@code java.net.http}, bound to one {@link Exchange}: it sees
 * every status and header (LangChain4j's own client keeps only status and body of a failure), and
 * the exchange's deadline bounds the whole call, streamed or not.
 */
final class Transport implements HttpClient {
  /** How much of an error body is kept for the message. */
  static final int MAX_ERROR_BODY = 4096;

  private final java.net.http.HttpClient jdk;
  private final java.util.function.Supplier<Exchange> exchanges;

  private Transport(java.net.http.HttpClient jdk, java.util.function.Supplier<Exchange> exchanges) {
    this.jdk = jdk;
    this.exchanges = exchanges;
  }

  /** The exchange of the call in progress. */
  private Exchange exchange() {
    Exchange e = exchanges.get();
    if (e == null) {
      throw new IllegalStateException("a provider call outside an exchange");
    }
    return e;
  }

  /** What the LangChain4j builders take; the timeouts they set are the exchange's. */
  static HttpClientBuilder builder(java.net.http.HttpClient jdk, Exchange exchange) {
    return builder(jdk, () -> exchange, exchange.timeout());
  }

  /**
   * A builder for models built once and kept: each call's exchange is {@code current}'s at the time
   * of the call (the synchronous path of LangChain4j sends on the caller's thread), and the
   * timeouts are {@code timeout}, the one the models are kept for.
   */
  static HttpClientBuilder shared(
      java.net.http.HttpClient jdk, ThreadLocal<Exchange> current, Duration timeout) {
    return builder(jdk, current::get, timeout);
  }

  /**
   * A builder whose clients take each call's exchange from {@code exchanges}; the timeouts the
   * models ask for are {@code timeout}, and the ones they set are ignored (the exchange's deadline
   * bounds every call).
   */
  private static HttpClientBuilder builder(
      java.net.http.HttpClient jdk,
      java.util.function.Supplier<Exchange> exchanges,
      Duration timeout) {
    return new HttpClientBuilder() {
      @Override
      public Duration connectTimeout() {
        return timeout;
      }

      @Override
      public HttpClientBuilder connectTimeout(Duration t) {
        return this;
      }

      @Override
      public Duration readTimeout() {
        return timeout;
      }

      @Override
      public HttpClientBuilder readTimeout(Duration t) {
        return this;
      }

      @Override
      public HttpClient build() {
        return new Transport(jdk, exchanges);
      }
    };
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    Exchange exchange = exchange();
    CompletableFuture<HttpResponse<String>> sent =
        jdk.sendAsync(toJdk(request, exchange), BodyHandlers.ofString(StandardCharsets.UTF_8));
    exchange.sending(request.url(), () -> sent.cancel(true));
    HttpResponse<String> response =
        exchange.await(
            sent.exceptionallyCompose(
                error -> CompletableFuture.failedFuture(exchange.fail(transportFailure(error)))));
    if (!successful(response)) {
      throw exchange.fail(statusFailure(response, response.body()));
    }
    exchange.answered(() -> {});
    return success(response, response.body());
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    Exchange exchange = exchange();
    CompletableFuture<HttpResponse<InputStream>> sent =
        jdk.sendAsync(toJdk(request, exchange), BodyHandlers.ofInputStream());
    exchange.sending(request.url(), () -> sent.cancel(true));
    sent.whenComplete(
        (response, error) -> {
          if (error != null) {
            report(listener, exchange.fail(transportFailure(error)));
          } else {
            stream(response, parser, listener, exchange);
          }
        });
  }

  private static void stream(
      HttpResponse<InputStream> response,
      ServerSentEventParser parser,
      ServerSentEventListener listener,
      Exchange exchange) {
    try (InputStream body = response.body()) {
      if (!successful(response)) {
        report(listener, exchange.fail(statusFailure(response, readSome(body))));
        return;
      }
      exchange.answered(() -> closeQuietly(body));
      listener.onOpen(success(response, null));
      var guarded = new GuardedListener(listener, exchange);
      parser.parse(body, guarded);
      if (!guarded.failed() && !exchange.cancelled()) {
        listener.onClose();
        exchange.streamEnded();
      }
    } catch (IOException | RuntimeException e) {
      if (!exchange.cancelled()) {
        report(listener, exchange.fail(new Failure(Kind.BROKEN, 0, null, describe(e), e)));
      }
    }
  }

  private static void report(ServerSentEventListener listener, RuntimeException e) {
    try {
      listener.onError(e);
    } catch (RuntimeException ignored) {
      // the adapter's handler does not throw; LangChain4j's wrappers log
    }
  }

  private static java.net.http.HttpRequest toJdk(HttpRequest request, Exchange exchange) {
    var builder =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
            .timeout(exchange.remaining());
    request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    var body =
        request.body() == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(
                request.body(), StandardCharsets.UTF_8);
    return builder.method(request.method().name(), body).build();
  }

  /** A failure before any answer: timeout, no connection, or a connection that broke. */
  static Failure transportFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException) {
        return new Failure(Kind.TIMEOUT, 0, null, null, t);
      }
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof UnresolvedAddressException) {
        return new Failure(Kind.UNREACHABLE, 0, null, describe(t), t);
      }
    }
    return new Failure(Kind.BROKEN, 0, null, describe(error), error);
  }

  static Failure statusFailure(HttpResponse<?> response, String body) {
    return new Failure(
        Kind.STATUS, response.statusCode(), retryAfter(response), excerpt(body), null);
  }

  /** {@code Retry-After} as sent; else OpenAI's {@code retry-after-ms} as seconds. */
  private static String retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("retry-after");
    if (header.isPresent()) {
      return header.get();
    }
    return response
        .headers()
        .firstValue("retry-after-ms")
        .map(ms -> ms.isBlank() ? null : "ms:" + ms.trim())
        .orElse(null);
  }

  /** What broke, in one line: the innermost cause's type and the first line of its message. */
  static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m =
        root.getMessage() == null ? "" : root.getMessage().strip().lines().findFirst().orElse("");
    String name = root.getClass().getSimpleName();
    String line = m.isBlank() ? name : name + ": " + m;
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }

  private static String readSome(InputStream body) {
    try {
      return new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String excerpt(String body) {
    if (body == null) {
      return "";
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
  }

  private static boolean successful(HttpResponse<?> response) {
    return response.statusCode() >= 200 && response.statusCode() < 300;
  }

  private static SuccessfulHttpResponse success(HttpResponse<?> response, String body) {
    return SuccessfulHttpResponse.builder()
        .statusCode(response.statusCode())
        .headers(response.headers().map())
        .body(body)
        .build();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
