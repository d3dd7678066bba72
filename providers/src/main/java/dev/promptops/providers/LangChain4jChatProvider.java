package dev.promptops.providers;

import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.promptops.core.provider.ChatProvider;
import dev.promptops.core.provider.ChatRequest;
import dev.promptops.core.provider.ChatResponse;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderType;
import dev.promptops.core.provider.StreamListener;
import dev.promptops.core.provider.Usage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ChatProvider} on LangChain4j: the prompt's messages and parameters checked and mapped
 * for the {@link Backend}, one attempt through a {@link Transport} of its own, and every failure a
 * {@link dev.promptops.core.provider.ProviderException} naming the provider, model and URL.
 */
final class LangChain4jChatProvider implements ChatProvider {
  private final ProviderConfig config;
  private final Backend backend;
  private final Secret key;
  private final java.net.http.HttpClient http;
  private final Failures failures;
  private final Messages messages;
  private final String label;

  private static final int MAX_KEPT_MODELS = 64;

  /** Chat models by model and timeout, built once: building one costs more than many calls. */
  private final java.util.Map<String, dev.langchain4j.model.chat.ChatModel> chatModels =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The exchange of the synchronous call on this thread, for the kept models' transport. */
  private final ThreadLocal<Exchange> current = new ThreadLocal<>();

  LangChain4jChatProvider(ProviderConfig config, Backend backend, Secret key, Clock clock) {
    this.config = config;
    this.backend = backend;
    this.key = key;
    this.label = "provider '" + config.name() + "' (" + config.type().wireName() + ")";
    this.failures = new Failures(label, key, clock);
    this.messages = new Messages(backend.media(), failures);
    this.http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeout())
            .build();
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public ProviderType type() {
    return config.type();
  }

  @Override
  public Set<String> supportedParameters() {
    return backend.supportedParameters();
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    var prepared = prepare(request);
    var exchange = new Exchange(timeoutOf(request));
    current.set(exchange);
    try {
      var answer = chatModel(prepared.model(), exchange.timeout()).chat(prepared.request());
      return response(answer, prepared.model());
    } catch (RuntimeException e) {
      throw failures.map(e, exchange, prepared.model());
    } finally {
      current.remove();
    }
  }

  @Override
  public void stream(ChatRequest request, StreamListener listener) {
    var prepared = prepare(request);
    var exchange = new Exchange(timeoutOf(request));
    var done = new CompletableFuture<dev.langchain4j.model.chat.response.ChatResponse>();
    exchange.onStreamEnd(
        () ->
            done.completeExceptionally(
                new IllegalStateException("the stream ended before the answer was complete")));
    ChatResponse response;
    try {
      backend
          .streamingModel(call(prepared, exchange))
          .chat(prepared.request(), new Handler(listener, done, exchange));
      response = response(exchange.await(done), prepared.model());
    } catch (ListenerFailed e) {
      throw e.original();
    } catch (RuntimeException e) {
      throw failures.map(e, exchange, prepared.model());
    }
    listener.onComplete(response);
  }

  @Override
  public void close() {
    http.shutdown();
  }

  @Override
  public String toString() {
    return "ChatProvider[" + label + ", " + config.baseUrl() + ", apiKey=" + key + "]";
  }

  private record Prepared(String model, dev.langchain4j.model.chat.request.ChatRequest request) {}

  private Prepared prepare(ChatRequest request) {
    String model = request.model().model();
    List<String> unsupported =
        Parameters.unsupported(request.config(), backend.supportedParameters());
    if (!unsupported.isEmpty()) {
      throw refuse(unsupported, model);
    }
    if (backend.needsApiKey() && !key.present()) {
      throw failures.noApiKey();
    }
    var lc =
        dev.langchain4j.model.chat.request.ChatRequest.builder()
            .messages(messages.map(request.messages()))
            .parameters(Parameters.toLangChain4j(model, request.config()))
            .build();
    return new Prepared(model, lc);
  }

  private RuntimeException refuse(List<String> unsupported, String model) {
    String names =
        String.join(
            ", ",
            unsupported.stream()
                .map(p -> p.equals(Parameters.JSON) ? "json (JSON output without a schema)" : p)
                .toList());
    String supported =
        String.join(
            ", ", Parameters.ALL.stream().filter(backend.supportedParameters()::contains).toList());
    String hint =
        unsupported.contains(Parameters.JSON)
                && backend.supportedParameters().contains(Parameters.JSON_SCHEMA)
            ? "give the prompt an output schema (output.schema); "
            : "remove it from the prompt's config or run the prompt on another provider; ";
    return failures.unsupported(
        "does not support " + names + " (model " + model + ")",
        hint + config.type().wireName() + " supports " + supported);
  }

  private dev.langchain4j.model.chat.ChatModel chatModel(String model, Duration timeout) {
    if (chatModels.size() > MAX_KEPT_MODELS) {
      chatModels.clear(); // many distinct timeouts or models: keep the map bounded
    }
    return chatModels.computeIfAbsent(
        model + "\n" + timeout,
        k ->
            backend.chatModel(
                new Backend.Call(model, timeout, Transport.shared(http, current, timeout))));
  }

  private Backend.Call call(Prepared prepared, Exchange exchange) {
    return new Backend.Call(
        prepared.model(), exchange.timeout(), Transport.builder(http, exchange));
  }

  private Duration timeoutOf(ChatRequest request) {
    Duration t = request.timeout();
    return t == null || t.isZero() || t.isNegative() ? config.timeout() : t;
  }

  private static ChatResponse response(
      dev.langchain4j.model.chat.response.ChatResponse answer, String requestedModel) {
    String text = answer.aiMessage() == null ? null : answer.aiMessage().text();
    String model = answer.metadata() == null ? null : answer.metadata().modelName();
    return new ChatResponse(
        text == null ? "" : text,
        finishReason(answer.finishReason()),
        usage(answer.tokenUsage()),
        model == null || model.isBlank() ? requestedModel : model);
  }

  private static String finishReason(FinishReason reason) {
    return reason == null ? null : reason.name().toLowerCase(Locale.ROOT);
  }

  private static Usage usage(TokenUsage usage) {
    if (usage == null) {
      return Usage.NONE;
    }
    return new Usage(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount()));
  }

  private static long orZero(Integer n) {
    return n == null ? 0 : n;
  }

  /** A listener that threw: the stream stops and the caller gets the listener's exception. */
  private static final class ListenerFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenerFailed(RuntimeException original) {
      super(original);
    }

    RuntimeException original() {
      return (RuntimeException) getCause();
    }
  }

  /** Passes deltas on as they come and completes {@code done} once. */
  private static final class Handler implements StreamingChatResponseHandler {
    private final StreamListener listener;
    private final CompletableFuture<dev.langchain4j.model.chat.response.ChatResponse> done;
    private final Exchange exchange;

    Handler(
        StreamListener listener,
        CompletableFuture<dev.langchain4j.model.chat.response.ChatResponse> done,
        Exchange exchange) {
      this.listener = listener;
      this.done = done;
      this.exchange = exchange;
    }

    @Override
    public void onPartialResponse(String delta) {
      if (done.isDone()) {
        return;
      }
      try {
        listener.onDelta(delta);
      } catch (RuntimeException e) {
        done.completeExceptionally(new ListenerFailed(e));
        exchange.cancel();
      }
    }

    @Override
    public void onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse response) {
      done.complete(response);
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
    }
  }
}
