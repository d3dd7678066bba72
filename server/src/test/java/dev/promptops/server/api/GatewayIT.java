package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.promptops.providers.mock.Fault;
import dev.promptops.providers.mock.MockRule;
import dev.promptops.providers.mock.RecordedRequest;
import dev.promptops.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAI-compatible gateway driven by OpenAI's own Java library ({@code
 * com.openai:openai-java}, unchanged but for its base URL and key), against a real server whose
 * providers point at the mock LLM server: every provider protocol behind it, streaming, headers,
 * errors, retries and fallback.
 */
class GatewayIT {
  @TempDir Path dir;
  LlmFixture llm;
  final List<OpenAIClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    llm = LlmFixture.start(dir.resolve("data"), TestDatabases.sqliteDatabase(dir.resolve("db")));
  }

  @AfterEach
  void stop() {
    clients.forEach(OpenAIClient::close);
    llm.close();
  }

  /** An official OpenAI client pointed at the gateway, with a PromptOps key as its API key. */
  OpenAIClient openai(String apiKey, Map<String, String> headers) {
    var b =
        OpenAIOkHttpClient.builder()
            .baseUrl(llm.server.url() + "/v1")
            .apiKey(apiKey)
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30));
    headers.forEach(b::putHeader);
    OpenAIClient c = b.build();
    clients.add(c);
    return c;
  }

  OpenAIClient openai() {
    return openai(ADMIN_KEY, Map.of());
  }

  static JsonValue prompt(String name, Map<String, Object> more) {
    var p = new java.util.LinkedHashMap<String, Object>();
    p.put("name", name);
    p.put("project", "shop");
    p.putAll(more);
    return JsonValue.from(p);
  }

  static ChatCompletionCreateParams.Builder params(String name, Map<String, Object> more) {
    return ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .messages(List.of())
        .putAdditionalBodyProperty("prompt", prompt(name, more));
  }

  static Map<String, Object> ann() {
    return Map.of("variables", Map.of("name", "Ann"));
  }

  void deployGreetings() {
    for (var p : LlmFixture.PROVIDERS) {
      llm.deploy(
          "hello/" + p.name(),
          ExecutionIT.greeting(p.name() + "/" + ExecutionIT.MODELS.get(p.name())));
    }
  }

  @Test
  void anUnchangedOpenAiClientRunsADeployedPromptOnEveryProvidersProtocol() {
    deployGreetings();
    OpenAIClient client = openai();
    for (var p : LlmFixture.PROVIDERS) {
      String name = "hello/" + p.name();
      String model = ExecutionIT.MODELS.get(p.name());

      HttpResponseFor<ChatCompletion> raw =
          client.chat().completions().withRawResponse().create(params(name, ann()).build());
      ChatCompletion c = raw.parse();

      assertThat(raw.statusCode()).isEqualTo(200);
      assertThat(c.choices()).hasSize(1);
      assertThat(c.choices().getFirst().message().content()).contains("echo: Say hello to Ann.");
      assertThat(c.choices().getFirst().finishReason())
          .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
      assertThat(c.model()).isEqualTo(p.name() + "/" + model);
      assertThat(c.id()).startsWith("chatcmpl-");
      assertThat(c.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isEqualTo(15));
      assertThat(raw.headers().values("X-PromptOps-Prompt")).containsExactly(name);
      assertThat(raw.headers().values("X-PromptOps-Version")).containsExactly("1");
      assertThat(raw.headers().values("X-PromptOps-Digest")).containsExactly(digestOf(name));
      assertThat(raw.headers().values("X-PromptOps-Model")).containsExactly(p.name() + "/" + model);
      assertThat(raw.headers().values("X-PromptOps-Fallback")).containsExactly("false");
      Map<String, JsonValue> extra = c._additionalProperties();
      assertThat(extra.get("promptops").toString()).contains(digestOf(name));

      RecordedRequest got = llm.mock.requests().last();
      assertThat(got.protocol()).as(name).isEqualTo(p.protocol());
      assertThat(got.model()).isEqualTo(model);
      assertThat(got.system()).contains("You are terse.");
    }
  }

  @Test
  void streamsChunksWithUsageToTheOfficialClient() {
    deployGreetings();
    llm.rules(MockRule.builder("long").reply("Hello Ann, nice to meet you today!").build());
    OpenAIClient client = openai();
    for (var p : LlmFixture.PROVIDERS) {
      var params =
          params("hello/" + p.name(), ann())
              .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
              .build();
      var text = new StringBuilder();
      var chunks = new ArrayList<ChatCompletionChunk>();

      try (var stream = client.chat().completions().createStreaming(params)) {
        stream.stream().forEach(chunks::add);
      }

      chunks.forEach(ch -> ch.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
      assertThat(text.toString()).as(p.name()).isEqualTo("Hello Ann, nice to meet you today!");
      assertThat(chunks.getFirst().choices().getFirst().delta().role()).isPresent();
      assertThat(chunks.stream().flatMap(ch -> ch.choices().stream()))
          .filteredOn(c -> c.finishReason().isPresent())
          .singleElement()
          .satisfies(
              c ->
                  assertThat(c.finishReason().get())
                      .isEqualTo(ChatCompletionChunk.Choice.FinishReason.STOP));
      ChatCompletionChunk last = chunks.getLast();
      assertThat(last.choices()).isEmpty();
      assertThat(last.usage())
          .hasValueSatisfying(u -> assertThat(u.completionTokens()).isPositive());
      assertThat(llm.mock.requests().last().stream()).isTrue();
    }
  }

  @Test
  void headersNameThePromptAndTheCallersMessagesFollowTheRenderedOnes() {
    llm.deploy("hello/openai", ExecutionIT.greeting("openai/gpt-4o-mini"));
    OpenAIClient client =
        openai(
            ADMIN_KEY,
            Map.of(
                "X-PromptOps-Prompt", "hello/openai:production",
                "X-PromptOps-Project", "shop",
                "X-PromptOps-Variables", "{\"name\": \"Bob\"}"));

    ChatCompletion c =
        client
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("gpt-4o")
                    .addUserMessage("And what is the weather?")
                    .temperature(0.3)
                    .build());

    assertThat(c.choices().getFirst().message().content())
        .contains("echo: And what is the weather?");
    RecordedRequest got = llm.mock.requests().last();
    assertThat(got.model()).as("the prompt decides the model").isEqualTo("gpt-4o-mini");
    assertThat(got.body().at("/temperature").asDouble()).isEqualTo(0.3);
    var sent = got.body().get("messages");
    assertThat(sent).hasSize(3);
    assertThat(sent.get(0).get("role").asText()).isEqualTo("system");
    assertThat(sent.get(1).get("content").toString()).contains("Say hello to Bob.");
    assertThat(sent.get(2).get("content").toString()).contains("And what is the weather?");
  }

  @Test
  void aModelOfTheFormPromptRefNamesThePromptForClientsThatSetOnlyTheModel() {
    llm.deploy("hello/anthropic", ExecutionIT.greeting("anthropic/claude-sonnet-4-5"));
    int v2 =
        llm.deploy(
            "hello/anthropic", ExecutionIT.greeting("anthropic/claude-sonnet-4-5") + "Be brief.\n");
    OpenAIClient client =
        openai(
            ADMIN_KEY,
            Map.of("X-PromptOps-Project", "shop", "X-PromptOps-Variables", "{\"name\":\"Cy\"}"));

    HttpResponseFor<ChatCompletion> byEnv =
        client
            .chat()
            .completions()
            .withRawResponse()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("prompt:hello/anthropic:production")
                    .addUserMessage("hi")
                    .build());
    HttpResponseFor<ChatCompletion> byVersion =
        client
            .chat()
            .completions()
            .withRawResponse()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("prompt:hello/anthropic@1")
                    .addUserMessage("hi")
                    .build());

    assertThat(byEnv.headers().values("X-PromptOps-Version")).containsExactly(String.valueOf(v2));
    assertThat(byVersion.headers().values("X-PromptOps-Version")).containsExactly("1");
    assertThat(byVersion.parse().model()).isEqualTo("anthropic/claude-sonnet-4-5");
  }

  @Test
  void retriesAndFallbackAreVisibleInTheAnswer() {
    llm.deploy(
        "hello/fallback",
        """
        ---
        model: openai/gpt-4o-mini
        promptops.fallback: [google/gemini-2.5-flash]
        input:
          schema:
            name: string
        ---
        Say hello to {{name}}.
        """);
    llm.rules(
        MockRule.builder("openai-down").model("gpt-4o-mini").fault(Fault.serverError()).build());

    HttpResponseFor<ChatCompletion> raw =
        openai()
            .chat()
            .completions()
            .withRawResponse()
            .create(params("hello/fallback", ann()).build());
    ChatCompletion c = raw.parse();

    assertThat(c.model()).isEqualTo("google/gemini-2.5-flash");
    assertThat(raw.headers().values("X-PromptOps-Model"))
        .containsExactly("google/gemini-2.5-flash");
    assertThat(raw.headers().values("X-PromptOps-Attempts")).containsExactly("4");
    assertThat(raw.headers().values("X-PromptOps-Fallback")).containsExactly("true");
    String details = c._additionalProperties().get("promptops").toString();
    assertThat(details)
        .contains("outcome=server_error, status=500")
        .contains("fallback=true")
        .contains("provider=google");
  }

  @Test
  void failuresReachTheClientAsOpenAiErrors() {
    llm.deploy("hello/openai", ExecutionIT.greeting("openai/gpt-4o-mini"));
    OpenAIClient client = openai();

    assertThatThrownBy(() -> client.chat().completions().create(params("nope", ann()).build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(
            () ->
                client
                    .chat()
                    .completions()
                    .create(
                        ChatCompletionCreateParams.builder()
                            .model("gpt-4o")
                            .addUserMessage("x")
                            .build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("names no prompt")
        .satisfies(
            e ->
                assertThat(((OpenAIServiceException) e).code())
                    .contains("invalid_gateway_request"));
    assertThatThrownBy(
            () ->
                client
                    .chat()
                    .completions()
                    .create(
                        params("hello/openai", ann())
                            .addTool(
                                com.openai.models.chat.completions.ChatCompletionFunctionTool
                                    .builder()
                                    .function(
                                        com.openai.models.FunctionDefinition.builder()
                                            .name("lookup")
                                            .build())
                                    .build())
                            .build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("'tools' is not supported by the gateway");
    assertThatThrownBy(
            () ->
                client
                    .chat()
                    .completions()
                    .create(
                        params("hello/openai", ann())
                            .responseFormat(
                                com.openai.models.ResponseFormatJsonObject.builder().build())
                            .build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("produces text");
    assertThatThrownBy(
            () -> client.chat().completions().create(params("hello/openai", Map.of()).build()))
        .isInstanceOf(com.openai.errors.UnprocessableEntityException.class)
        .hasMessageContaining("name");
    assertThat(llm.mock.requests().size()).as("no provider was called").isZero();

    llm.rules(MockRule.builder("down").fault(Fault.serverError()).build());
    assertThatThrownBy(
            () -> client.chat().completions().create(params("hello/openai", ann()).build()))
        .isInstanceOf(InternalServerException.class)
        .satisfies(e -> assertThat(((OpenAIServiceException) e).statusCode()).isEqualTo(503));
  }

  @Test
  void aFailureAfterTheStreamStartedIsAnErrorEventTheClientRaises() {
    llm.deploy("hello/openai", ExecutionIT.greeting("openai/gpt-4o-mini"));
    llm.rules(MockRule.builder("down").fault(Fault.serverError()).build());

    try (var stream =
        openai().chat().completions().createStreaming(params("hello/openai", ann()).build())) {
      assertThatThrownBy(() -> stream.stream().forEach(ch -> {}))
          .isInstanceOf(SseException.class)
          .hasMessageContaining("every model failed");
    }
  }

  @Test
  void keysAreCheckedLikeEveryOtherRoute() {
    llm.deploy("hello/openai", ExecutionIT.greeting("openai/gpt-4o-mini"));
    String viewer = createKey("viewer", Map.of("shop", "viewer"));
    LlmFixture.ok(llm.server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "elsewhere")));
    String other = createKey("other", Map.of("elsewhere", "admin"));

    Optional<String> asViewer =
        openai(viewer, Map.of())
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("prompt:hello/openai")
                    .addUserMessage("hi")
                    .putAdditionalBodyProperty(
                        "prompt",
                        JsonValue.from(
                            Map.of("name", "hello/openai", "variables", Map.of("name", "V"))))
                    .build())
            .choices()
            .getFirst()
            .message()
            .content();
    assertThat(asViewer).as("a viewer's key names its one project implicitly").contains("echo: hi");

    assertThatThrownBy(
            () ->
                openai(other, Map.of())
                    .chat()
                    .completions()
                    .create(params("hello/openai", ann()).build()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(
            () ->
                openai("po_not-a-key-at-all-0000000000", Map.of())
                    .chat()
                    .completions()
                    .create(params("hello/openai", ann()).build()))
        .isInstanceOf(UnauthorizedException.class);
  }

  private String createKey(String name, Map<String, String> roles) {
    var body = Map.of("name", name, "roles", roles);
    return LlmFixture.ok(llm.server.post("/api/v1/keys", ADMIN_KEY, body))
        .json()
        .get("secret")
        .asText();
  }

  private String digestOf(String name) {
    return llm.server
        .get(LlmFixture.P + "/prompts/" + name, ADMIN_KEY)
        .json()
        .get("digest")
        .asText();
  }
}
