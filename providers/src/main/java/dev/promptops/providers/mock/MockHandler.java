package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Serves every request: routes it, decides by the rules, answers in the protocol's format. */
final class MockHandler implements HttpHandler {

  private final MockLlmConfig config;
  private final RequestLog log;
  private final CountDownLatch closing;
  private final Map<MockProtocol, Dialect> dialects = new EnumMap<>(MockProtocol.class);
  private final AtomicLong ids = new AtomicLong();
  private volatile RuleEngine engine;

  MockHandler(MockLlmConfig config, RequestLog log, CountDownLatch closing) {
    this.config = config;
    this.log = log;
    this.closing = closing;
    this.engine = new RuleEngine(config.rules());
    dialects.put(MockProtocol.OPENAI, new OpenAiDialect(false));
    dialects.put(MockProtocol.AZURE_OPENAI, new OpenAiDialect(true));
    dialects.put(MockProtocol.ANTHROPIC, new AnthropicDialect());
    dialects.put(MockProtocol.GEMINI, new GeminiDialect());
    dialects.put(MockProtocol.OLLAMA, new OllamaDialect());
  }

  void useRules(MockRules rules) {
    engine = new RuleEngine(rules);
  }

  MockRules rules() {
    return engine.rules();
  }

  @Override
  public void handle(HttpExchange ex) {
    try {
      serve(ex);
    } catch (IOException e) {
      // the client went away, or the server is closing: nothing left to answer
    } catch (RuntimeException e) {
      internalError(ex, e);
    } finally {
      ex.close();
    }
  }

  /** A bug of the mock (or of a listener): a 500 saying so, when the answer has not begun. */
  private static void internalError(HttpExchange ex, RuntimeException e) {
    if (ex.getResponseCode() != -1) {
      return;
    }
    try {
      new Responder(ex, false)
          .json(
              500,
              Json.object()
                  .set(
                      "error",
                      Json.object()
                          .put("message", "mock LLM server failure: " + e)
                          .put("type", "mock_error")));
    } catch (IOException | RuntimeException ignored) {
      // nothing more can be said to this client
    }
  }

  private void serve(HttpExchange ex) throws IOException {
    Call call = Call.read(ex);
    Router.Route route = Router.find(call.path());
    Dialect dialect =
        route == null ? dialects.get(MockProtocol.OPENAI) : dialects.get(route.protocol());
    if (route == null || dialect == null) {
      fail(
          ex,
          dialect,
          call,
          null,
          null,
          Failure.NOT_FOUND,
          "no such endpoint: "
              + call.method()
              + " "
              + call.path()
              + "; the mock LLM server serves "
              + Router.ENDPOINTS);
      return;
    }
    if (!route.method().equals(call.method())) {
      ex.getResponseHeaders().set("Allow", route.method());
      fail(
          ex,
          dialect,
          call,
          route.protocol(),
          null,
          Failure.METHOD_NOT_ALLOWED,
          call.path() + " takes " + route.method() + ", not " + call.method());
      return;
    }
    try {
      call = call.withBody(ex, route.pathModel());
      switch (route.endpoint()) {
        case CHAT -> chat(ex, dialect, call);
        case EMBEDDINGS -> embeddings(ex, dialect, call);
        case MODELS -> list(ex, route.protocol(), call);
        case VERSION ->
            ok(ex, call, route.protocol(), Json.object().put("version", "0.12.0-promptops-mock"));
      }
    } catch (BadRequest e) {
      fail(ex, dialect, call, route.protocol(), null, e.failure(), e.getMessage());
    }
  }

  private void chat(HttpExchange ex, Dialect dialect, Call call) throws IOException, BadRequest {
    Conversation c = dialect.chat(call);
    RuleEngine.Decision d = engine.decide(dialect.protocol(), c.model(), c.lastUserMessage());
    if (!pause(d.latency())) {
      return;
    }
    Fault fault = d.fault();
    if (fault != null && fault.kind() != Fault.Kind.MALFORMED) {
      inject(ex, dialect, call, c, d);
      return;
    }
    Answer a =
        Replies.answer(
            String.format("mock%06d", ids.incrementAndGet()), dialect.protocol(), c, d.rule());
    record(call, dialect.protocol(), c, d, 200);
    dialect.answer(a, c, call, new Responder(ex, fault != null));
  }

  private void embeddings(HttpExchange ex, Dialect dialect, Call call)
      throws IOException, BadRequest {
    EmbeddingsRequest r = dialect.embeddings(call, config.embeddingDimensions());
    var c =
        new Conversation(
            r.model(), "", r.joined(), r.inputs(), false, false, false, null, null, List.of());
    RuleEngine.Decision d = engine.decide(dialect.protocol(), c.model(), c.lastUserMessage());
    if (!pause(d.latency())) {
      return;
    }
    Fault fault = d.fault();
    if (fault != null && fault.kind() != Fault.Kind.MALFORMED) {
      inject(ex, dialect, call, c, d);
      return;
    }
    record(call, dialect.protocol(), c, d, 200);
    new Responder(ex, fault != null).json(200, r.answer());
  }

  /** Answers with the fault of the deciding rule instead of a reply. */
  private void inject(
      HttpExchange ex, Dialect dialect, Call call, Conversation c, RuleEngine.Decision d)
      throws IOException {
    Fault fault = d.fault();
    String from = " (mock LLM server: fault of rule '" + d.ruleName() + "')";
    switch (fault.kind()) {
      case RATE_LIMIT -> {
        ex.getResponseHeaders().set("Retry-After", String.valueOf(fault.retryAfterSeconds()));
        fail(
            ex,
            dialect,
            call,
            dialect.protocol(),
            c,
            d,
            Failure.RATE_LIMITED,
            "Rate limit reached for "
                + c.model()
                + "; retry after "
                + fault.retryAfterSeconds()
                + " s"
                + from);
      }
      case SERVER_ERROR ->
          fail(
              ex,
              dialect,
              call,
              dialect.protocol(),
              c,
              d,
              Failure.SERVER_ERROR,
              "The server had an error while processing your request" + from);
      case UNAUTHORIZED ->
          fail(
              ex,
              dialect,
              call,
              dialect.protocol(),
              c,
              d,
              Failure.UNAUTHORIZED,
              "Invalid API key" + from);
      case TIMEOUT -> {
        record(call, dialect.protocol(), c, d, 0);
        Duration hold =
            fault.hold() == null ? config.maxHold() : min(fault.hold(), config.maxHold());
        if (pause(hold)) {
          sendError(
              ex, dialect, Failure.TIMEOUT, "no answer within " + Durations.show(hold) + from);
        }
      }
      case MALFORMED -> throw new IllegalStateException("malformed bodies are answers");
    }
  }

  private void list(HttpExchange ex, MockProtocol protocol, Call call) throws IOException {
    var names = new LinkedHashSet<String>();
    for (MockRule r : engine.rules().rules()) {
      if (r.model() != null && !Glob.isGlob(r.model())) {
        names.add(r.model());
      }
    }
    names.addAll(List.of("gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-flash", "llama3.2"));
    ok(
        ex,
        call,
        protocol,
        protocol == MockProtocol.OLLAMA ? OllamaDialect.tags(names) : OpenAiDialect.models(names));
  }

  private void ok(HttpExchange ex, Call call, MockProtocol protocol, JsonNode body)
      throws IOException {
    record(call, protocol, null, RuleEngine.Decision.DEFAULT, 200);
    new Responder(ex, false).json(200, body);
  }

  private void fail(
      HttpExchange ex,
      Dialect dialect,
      Call call,
      MockProtocol protocol,
      Conversation c,
      Failure failure,
      String message)
      throws IOException {
    fail(ex, dialect, call, protocol, c, RuleEngine.Decision.DEFAULT, failure, message);
  }

  private void fail(
      HttpExchange ex,
      Dialect dialect,
      Call call,
      MockProtocol protocol,
      Conversation c,
      RuleEngine.Decision d,
      Failure failure,
      String message)
      throws IOException {
    record(call, protocol, c, d, failure.status);
    sendError(ex, dialect, failure, message);
  }

  private static void sendError(HttpExchange ex, Dialect dialect, Failure failure, String message)
      throws IOException {
    new Responder(ex, false).json(failure.status, dialect.error(failure, message));
  }

  private void record(
      Call call, MockProtocol protocol, Conversation c, RuleEngine.Decision d, int status) {
    String model =
        c != null
            ? c.model()
            : call.pathModel() != null ? call.pathModel() : bodyModel(call.body());
    var entry =
        new RecordedRequest(
            Instant.now(),
            call.method(),
            call.path(),
            call.redactedQuery(),
            call.headers(),
            call.body(),
            protocol,
            model,
            c == null ? null : c.system(),
            c == null ? null : c.lastUserMessage(),
            c != null && c.stream(),
            d.ruleName(),
            status,
            d.latency());
    log.add(entry);
    if (config.listener() != null) {
      config.listener().accept(entry);
    }
  }

  /** Waits {@code d}, or less if the server closes; false when it is closing. */
  private boolean pause(Duration d) {
    if (d.isZero()) {
      return closing.getCount() > 0;
    }
    try {
      return !closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String bodyModel(JsonNode body) {
    return body != null && body.path("model").isTextual() ? body.get("model").textValue() : null;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
