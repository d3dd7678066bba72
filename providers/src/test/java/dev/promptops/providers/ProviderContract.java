package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.promptops.providers.mock.Fault;
import dev.promptops.providers.mock.MockLlmConfig;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import dev.promptops.providers.mock.MockRule;
import dev.promptops.providers.mock.MockRules;
import dev.promptops.providers.mock.RecordedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every adapter must do, checked against the mock LLM server over HTTP: a suite per adapter
 * extends it and says where its protocol puts things.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProviderContract {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "sk-contract-7f3a9c1e5b";
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  MockLlmServer mock;
  ChatProvider provider;

  abstract ProviderType type();

  abstract MockProtocol protocol();

  abstract String model();

  /** The base URL this provider is configured with to reach the mock. */
  abstract String baseUrl(MockLlmServer mock);

  Map<String, String> options() {
    return Map.of();
  }

  /** The header that carries the key, and how the mock's log shows it (redacted). */
  abstract Map.Entry<String, String> keyHeader();

  /** Checks that {@link #allSupported()} reached the request body in the provider's fields. */
  abstract void assertParametersIn(JsonNode body);

  /** Checks that the schema reached the request body in the provider's JSON-schema field. */
  abstract void assertSchemaIn(JsonNode body, JsonNode schema);

  /** A config this provider cannot honour and the parameter its refusal names; null: none. */
  abstract GenerationConfig unsupported();

  abstract String unsupportedName();

  /** Every parameter the provider supports but JSON output, set to values the checks expect. */
  GenerationConfig allSupported() {
    var s = provider.supportedParameters();
    return new GenerationConfig(
        s.contains("temperature") ? 0.25 : null,
        s.contains("maxOutputTokens") ? 77 : null,
        s.contains("topP") ? 0.75 : null,
        s.contains("topK") ? 12 : null,
        s.contains("stopSequences") ? List.of("END", "STOP") : List.of(),
        false,
        null);
  }

  @BeforeAll
  void startMock() {
    mock = MockLlmServer.start(MockLlmConfig.defaults().withMaxHold(Duration.ofSeconds(10)));
    provider = create(baseUrl(mock), KEY);
  }

  @AfterAll
  void stopMock() {
    provider.close();
    mock.close();
  }

  @BeforeEach
  void resetMock() {
    mock.useRules(MockRules.none());
    mock.reset();
  }

  ChatProvider create(String baseUrl, String key) {
    return new Providers()
        .create(new ProviderConfig("mocked", type(), baseUrl, key, options(), TIMEOUT, 0, 0, 0));
  }

  // --- answers

  @Test
  void plainChat() {
    ChatResponse r = provider.chat(request(user("Hello there"), GenerationConfig.none()));

    assertThat(r.text()).isEqualTo("echo: Hello there");
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.usage().inputTokens()).isPositive();
    assertThat(r.usage().outputTokens()).isPositive();
    assertThat(r.model()).isNotBlank();
    RecordedRequest sent = onlyRequest();
    assertThat(sent.protocol()).isEqualTo(protocol());
    assertThat(sent.model()).isEqualTo(model());
    assertThat(sent.lastUserMessage()).isEqualTo("Hello there");
    assertThat(sent.stream()).isFalse();
  }

  @Test
  void streaming() {
    var deltas = new CopyOnWriteArrayList<String>();
    var complete = new ArrayList<ChatResponse>();
    provider.stream(
        request(user("one two three four five"), GenerationConfig.none()),
        listener(deltas, complete));

    assertThat(complete).hasSize(1);
    ChatResponse r = complete.get(0);
    assertThat(r.text()).isEqualTo("echo: one two three four five");
    assertThat(String.join("", deltas)).isEqualTo(r.text());
    assertThat(deltas).hasSizeGreaterThan(1);
    assertThat(r.usage().inputTokens()).isPositive();
    assertThat(r.usage().outputTokens()).isPositive();
    assertThat(onlyRequest().stream()).isTrue();
  }

  @Test
  void systemMessages() {
    var messages =
        messages(
            """
            [{"role":"system","content":[{"text":"You are terse."}]},
             {"role":"user","content":[{"text":"Hi"}]},
             {"role":"model","content":[{"text":"Hello."}]},
             {"role":"user","content":[{"text":"Bye"}]}]
            """);
    ChatResponse r = provider.chat(request(messages, GenerationConfig.none()));

    assertThat(r.text()).isEqualTo("echo: Bye");
    assertThat(onlyRequest().system()).isEqualTo("You are terse.");
  }

  @Test
  void jsonOutputWithSchema() throws Exception {
    JsonNode schema =
        JSON.readTree(
            """
            {"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}
            """);
    var config = new GenerationConfig(null, null, null, null, List.of(), true, schema);

    ChatResponse r = provider.chat(request(user("Answer in JSON"), config));

    assertThat(JSON.readTree(r.text()).isObject()).isTrue();
    assertSchemaIn(onlyRequest().body(), schema);
  }

  @Test
  void parametersReachTheRequest() {
    provider.chat(request(user("Hi"), allSupported()));

    assertParametersIn(onlyRequest().body());
  }

  @Test
  void unsupportedParameterIsRefusedByName() {
    GenerationConfig config = unsupported();
    if (config == null) {
      assertThat(provider.supportedParameters())
          .as("%s refuses nothing, so it must support every parameter", type())
          .containsExactlyInAnyOrderElementsOf(Parameters.ALL);
      return;
    }

    assertThatThrownBy(() -> provider.chat(request(user("Hi"), config)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(Failure.UNSUPPORTED);
              assertThat(e.getMessage())
                  .contains(
                      "provider 'mocked' ("
                          + type().wireName()
                          + ") does not support "
                          + unsupportedName());
            });
    assertThat(mock.requests().size()).as("nothing sent").isZero();
  }

  @Test
  void apiKeyGoesInTheProvidersHeader() {
    provider.chat(request(user("Hi"), GenerationConfig.none()));

    var header = keyHeader();
    assertThat(onlyRequest().header(header.getKey())).isEqualTo(header.getValue());
  }

  // --- failures

  @Test
  void rateLimitCarriesRetryAfter() {
    fault(Fault.rateLimit(Duration.ofSeconds(3)));

    var e = failure(() -> provider.chat(request(user("Hi"), GenerationConfig.none())));

    assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(e.getMessage()).contains("retry after 3s");
    assertThat(mock.requests().size()).as("one attempt, no retry").isEqualTo(1);
  }

  @Test
  void rateLimitWhenStreaming() {
    fault(Fault.rateLimit(Duration.ofSeconds(2)));

    var e =
        failure(
            () ->
                provider.stream(
                    request(user("Hi"), GenerationConfig.none()),
                    listener(new ArrayList<>(), new ArrayList<>())));

    assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void serverError() {
    fault(Fault.serverError());

    var e = failure(() -> provider.chat(request(user("Hi"), GenerationConfig.none())));

    assertThat(e.failure()).isEqualTo(Failure.SERVER_ERROR);
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.getMessage()).contains("HTTP 500", model(), mock.url());
    assertThat(mock.requests().size()).as("one attempt, no retry").isEqualTo(1);
  }

  @Test
  void unauthorized() {
    fault(Fault.unauthorized());

    var e = failure(() -> provider.chat(request(user("Hi"), GenerationConfig.none())));

    assertThat(e.failure()).isEqualTo(Failure.UNAUTHORIZED);
    assertThat(e.status()).isEqualTo(401);
  }

  @Test
  void timeout() {
    fault(Fault.timeout(Duration.ofSeconds(5)));
    long start = System.nanoTime();

    var e =
        failure(
            () ->
                provider.chat(
                    withTimeout(
                        request(user("Hi"), GenerationConfig.none()), Duration.ofMillis(300))));

    assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
    assertThat(e.getMessage()).contains("did not answer", "within 0.3s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void timeoutWhenStreaming() {
    fault(Fault.timeout(Duration.ofSeconds(5)));

    var e =
        failure(
            () ->
                provider.stream(
                    withTimeout(
                        request(user("Hi"), GenerationConfig.none()), Duration.ofMillis(300)),
                    listener(new ArrayList<>(), new ArrayList<>())));

    assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
  }

  @Test
  void malformedBody() {
    fault(Fault.malformed());

    var e = failure(() -> provider.chat(request(user("Hi"), GenerationConfig.none())));

    assertThat(e.failure()).isEqualTo(Failure.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("cannot read", model());
  }

  @Test
  void malformedStream() {
    fault(Fault.malformed());

    var e =
        failure(
            () ->
                provider.stream(
                    request(user("one two three four five six"), GenerationConfig.none()),
                    listener(new ArrayList<>(), new ArrayList<>())));

    assertThat(e.failure()).isEqualTo(Failure.BAD_RESPONSE);
  }

  @Test
  void connectionRefused() throws IOException {
    String closed;
    try (var socket = new ServerSocket(0)) {
      closed = baseUrl(mock).replace(":" + mock.port(), ":" + socket.getLocalPort());
    }
    try (var unreachable = create(closed, KEY)) {
      var e = failure(() -> unreachable.chat(request(user("Hi"), GenerationConfig.none())));

      assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE);
      assertThat(e.getMessage()).contains("cannot reach", "127.0.0.1");
    }
  }

  // --- helpers

  void fault(Fault fault) {
    mock.useRules(MockRules.of(MockRule.builder("fault").fault(fault).build()));
  }

  RecordedRequest onlyRequest() {
    assertThat(mock.requests().size()).isEqualTo(1);
    return mock.requests().last();
  }

  /** Runs {@code call}, expecting a ProviderException whose messages hold no key. */
  static ProviderException failure(Runnable call) {
    try {
      call.run();
    } catch (ProviderException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
      }
      assertThat(String.valueOf(e.hint())).doesNotContain(KEY);
      return e;
    }
    throw new AssertionError("expected a ProviderException");
  }

  ChatRequest request(ArrayNode messages, GenerationConfig config) {
    return new ChatRequest(new ModelRef("mocked", model()), messages, config, TIMEOUT);
  }

  static ChatRequest withTimeout(ChatRequest r, Duration timeout) {
    return new ChatRequest(r.model(), r.messages(), r.config(), timeout);
  }

  static ArrayNode user(String text) {
    ArrayNode messages = JSON.createArrayNode();
    var m = messages.addObject().put("role", "user");
    m.putArray("content").addObject().put("text", text);
    return messages;
  }

  static ArrayNode messages(String json) {
    try {
      return (ArrayNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static StreamListener listener(List<String> deltas, List<ChatResponse> complete) {
    return new StreamListener() {
      @Override
      public void onDelta(String text) {
        deltas.add(text);
      }

      @Override
      public void onComplete(ChatResponse response) {
        complete.add(response);
      }
    };
  }
}
