package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.UsageEvent;
import dev.promptops.providers.mock.Fault;
import dev.promptops.providers.mock.MockRule;
import dev.promptops.providers.mock.RecordedRequest;
import dev.promptops.server.TestServer.Resp;
import dev.promptops.store.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running prompts end to end: a real server with one provider of each type configured over HTTP,
 * the mock LLM server behind them, {@code POST …/-/run} as JSON and as server-sent events.
 */
class ExecutionIT {
  static final Map<String, Object> ANN = Map.of("input", Map.of("name", "Ann"));

  /** A model per provider; some have a price in the default table, some do not. */
  static final Map<String, String> MODELS =
      Map.of(
          "openai", "gpt-4o-mini",
          "compat", "llama-3-8b",
          "azure", "prod-gpt4o",
          "anthropic", "claude-sonnet-4-5",
          "google", "gemini-2.5-flash",
          "ollama", "llama3.2");

  /** Where each protocol carries the API key, as the mock logs it (redacted). */
  static final Map<String, String[]> KEY_HEADERS =
      Map.of(
          "openai", new String[] {"authorization", "Bearer ***"},
          "compat", new String[] {"authorization", "Bearer ***"},
          "azure", new String[] {"api-key", "***"},
          "anthropic", new String[] {"x-api-key", "***"},
          "google", new String[] {"x-goog-api-key", "***"},
          "ollama", new String[] {"authorization", "Bearer ***"});

  @TempDir Path dir;
  LlmFixture llm;
  final List<Resp> answers = new ArrayList<>();

  /** The database under test; a subclass runs the suite on PostgreSQL. */
  protected TestDatabases.Database database(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }

  @BeforeEach
  void start() {
    llm = LlmFixture.start(dir.resolve("data"), database(dir.resolve("db")));
  }

  @AfterEach
  void noApiKeyInAnyAnswer() {
    try {
      for (Resp r : answers) {
        for (var p : LlmFixture.PROVIDERS) {
          assertThat(r.text()).as("an answer").doesNotContain(p.apiKey());
          r.headers().values().forEach(v -> assertThat(v.toString()).doesNotContain(p.apiKey()));
        }
      }
    } finally {
      llm.close();
    }
  }

  static String greeting(String model) {
    return """
        ---
        model: %s
        input:
          schema:
            name: string
        ---
        {{role "system"}}You are terse.
        {{role "user"}}Say hello to {{name}}.
        """
        .formatted(model);
  }

  Resp run(String name, Object body) {
    Resp r = llm.run(name, body);
    answers.add(r);
    return r;
  }

  /** Deploys {@code hello/<provider>} on each provider's model. */
  void deployGreetings() {
    for (var p : LlmFixture.PROVIDERS) {
      llm.deploy("hello/" + p.name(), greeting(p.name() + "/" + MODELS.get(p.name())));
    }
  }

  @Test
  void runsOnEachProvidersProtocolWithUsageCostAndVersion() {
    deployGreetings();
    for (var p : LlmFixture.PROVIDERS) {
      String digest = digestOf("hello/" + p.name());

      Resp r = run("hello/" + p.name(), ANN);

      assertThat(r.status()).as(p.name() + ": " + r).isEqualTo(200);
      JsonNode j = r.json();
      assertThat(j.at("/output/text").asText()).isEqualTo("echo: Say hello to Ann.");
      assertThat(j.at("/output/valid").asBoolean()).isTrue();
      assertThat(j.get("name").asText()).isEqualTo("hello/" + p.name());
      assertThat(j.get("version").asInt()).isEqualTo(1);
      assertThat(j.get("digest").asText()).isEqualTo(digest);
      assertThat(j.get("resolvedVia").asText()).isEqualTo("env:production");
      assertThat(j.get("environment").asText()).isEqualTo("production");
      assertThat(j.get("provider").asText()).isEqualTo(p.name());
      assertThat(j.get("model").asText()).isEqualTo(MODELS.get(p.name()));
      assertThat(j.get("finishReason").asText()).isEqualTo("stop");
      // the mock counts a token per 4 characters: "You are terse.\n" + "Say hello to Ann."
      assertThat(j.at("/usage/inputTokens").asLong()).isEqualTo(9);
      assertThat(j.at("/usage/outputTokens").asLong()).isEqualTo(6);
      assertThat(j.at("/usage/totalTokens").asLong()).isEqualTo(15);
      assertThat(j.get("latencyMs").asLong()).isNotNegative();
      assertThat(j.get("fallback").asBoolean()).isFalse();
      assertThat(j.get("attempts")).hasSize(1);
      assertThat(j.at("/attempts/0/outcome").asText()).isEqualTo("ok");
      assertThat(r.header("X-PromptOps-Version")).contains("1");
      assertThat(r.header("X-PromptOps-Digest")).contains(digest);

      RecordedRequest got = llm.mock.requests().last();
      assertThat(got.protocol()).isEqualTo(p.protocol());
      assertThat(got.model()).isEqualTo(MODELS.get(p.name()));
      assertThat(got.lastUserMessage()).isEqualTo("Say hello to Ann.");
      assertThat(got.system()).contains("You are terse.");
      String[] key = KEY_HEADERS.get(p.name());
      assertThat(got.header(key[0])).as(p.name() + " sends its key in " + key[0]).isEqualTo(key[1]);
    }
  }

  @Test
  void theShortRunPathRunsThePromptItNames() {
    llm.deploy("support/run", greeting("openai/gpt-4o-mini"));
    llm.deploy("support", greeting("anthropic/claude-sonnet-4-5"));

    Resp shortForm = llm.server.post(LlmFixture.P + "/prompts/support/run/run", ADMIN_KEY, ANN);
    Resp parent = llm.server.post(LlmFixture.P + "/prompts/support/run", ADMIN_KEY, ANN);

    assertThat(shortForm.status()).as(shortForm.toString()).isEqualTo(200);
    assertThat(shortForm.json().get("name").asText()).isEqualTo("support/run");
    assertThat(parent.status()).as(parent.toString()).isEqualTo(200);
    assertThat(parent.json().get("name").asText()).isEqualTo("support");
    assertThat(parent.json().get("provider").asText()).isEqualTo("anthropic");
  }

  @Test
  void costComesFromThePriceTableAndIsNullForAModelWithoutAPrice() {
    deployGreetings();
    // 9 input and 6 output tokens at the default prices per million tokens
    assertThat(cost("openai")).isEqualByComparingTo("0.00000495"); // 0.15 and 0.60
    assertThat(cost("anthropic")).isEqualByComparingTo("0.000117"); // 3 and 15
    assertThat(cost("google")).isEqualByComparingTo("0.0000177"); // 0.30 and 2.50
    assertThat(cost("ollama")).isEqualByComparingTo("0"); // ollama/*
    assertThat(cost("compat")).isNull();
    assertThat(cost("azure")).isNull();
  }

  private BigDecimal cost(String provider) {
    Resp r = run("hello/" + provider, ANN);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode cost = r.json().get("cost");
    assertThat(cost.isNull() || cost.isNumber()).as("cost is a number or null: " + cost).isTrue();
    return cost.isNull() ? null : cost.decimalValue();
  }

  @Test
  void streamsDeltasThenTheResultOnEachProtocol() {
    deployGreetings();
    llm.rules(MockRule.builder("long").reply("Hello Ann, nice to meet you today!").build());
    for (var p : LlmFixture.PROVIDERS) {
      var body = Map.of("input", Map.of("name", "Ann"), "stream", true);

      Resp r = run("hello/" + p.name(), body);

      assertThat(r.status()).as(p.name() + ": " + r).isEqualTo(200);
      assertThat(r.header("Content-Type"))
          .hasValueSatisfying(t -> t.startsWith("text/event-stream"));
      assertThat(r.header("X-PromptOps-Digest")).contains(digestOf("hello/" + p.name()));
      List<Sse> events = Sse.parse(r.text());
      assertThat(events).as(p.name()).hasSizeGreaterThan(2);
      assertThat(events.getLast().event()).isEqualTo("result");
      List<Sse> deltas = events.subList(0, events.size() - 1);
      assertThat(deltas).allSatisfy(e -> assertThat(e.event()).isEqualTo("delta"));
      var text = new StringBuilder();
      deltas.forEach(e -> text.append(e.json().get("text").asText()));
      JsonNode result = events.getLast().json();
      assertThat(text.toString())
          .isEqualTo(result.at("/output/text").asText())
          .isEqualTo("Hello Ann, nice to meet you today!");
      assertThat(result.get("provider").asText()).isEqualTo(p.name());
      assertThat(result.at("/usage/outputTokens").asLong()).as(p.name()).isPositive();
      assertThat(llm.mock.requests().last().stream()).isTrue();
    }
  }

  static final String ORDER =
      """
      ---
      model: %s
      input:
        schema:
          question: string
      output:
        format: json
        schema:
          status(enum): [shipped, pending]
          eta?: string
      ---
      Where is my order? {{question}}
      """;

  @Test
  void jsonOutputIsCheckedAgainstTheOutputSchema() throws Exception {
    llm.deploy("order/openai", ORDER.formatted("openai/gpt-4o-mini"));
    llm.deploy("order/anthropic", ORDER.formatted("anthropic/claude-sonnet-4-5"));
    llm.rules(
        MockRule.builder("valid")
            .contains("#1")
            .json(Json.parse("{\"status\": \"shipped\", \"eta\": \"{{model}}\"}"))
            .build(),
        MockRule.builder("invalid")
            .contains("#2")
            .json(Json.parse("{\"status\": \"lost\", \"eta\": 3}"))
            .build(),
        MockRule.builder("prose").contains("#3").reply("It has shipped.").build());

    for (String name : List.of("order/openai", "order/anthropic")) {
      Resp valid = run(name, Map.of("input", Map.of("question", "order #1")));
      assertThat(valid.status()).as(valid.toString()).isEqualTo(200);
      assertThat(valid.json().at("/output/valid").asBoolean()).isTrue();
      assertThat(valid.json().at("/output/json/status").asText()).isEqualTo("shipped");
      assertThat(valid.json().at("/output/errors")).isEmpty();

      Resp invalid = run(name, Map.of("input", Map.of("question", "order #2")));
      assertThat(invalid.status()).as(invalid.toString()).isEqualTo(200);
      assertThat(invalid.json().at("/output/valid").asBoolean()).isFalse();
      assertThat(invalid.json().at("/output/json/status").asText()).isEqualTo("lost");
      assertThat(invalid.json().at("/output/errors").toString()).contains("status").contains("eta");

      Resp prose = run(name, Map.of("input", Map.of("question", "order #3")));
      assertThat(prose.json().at("/output/valid").asBoolean()).isFalse();
      assertThat(prose.json().at("/output/json").isNull()).isTrue();
      assertThat(prose.json().at("/output/errors/0").asText()).contains("not JSON");
    }
    RecordedRequest openai =
        llm.mock.requests().of(dev.promptops.providers.mock.MockProtocol.OPENAI).getFirst();
    assertThat(openai.body().at("/response_format/type").asText()).isEqualTo("json_schema");
  }

  @Test
  void rateLimitsAreRetriedHonouringRetryAfter() {
    llm.deploy("hello/openai", greeting("openai/gpt-4o-mini"));
    llm.rules(
        MockRule.builder("busy").fault(Fault.rateLimit(Duration.ofSeconds(1))).times(2).build());

    Resp r = run("hello/openai", ANN);

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode attempts = r.json().get("attempts");
    assertThat(attempts).hasSize(3);
    assertThat(attempts.findValuesAsText("outcome"))
        .containsExactly("rate_limited", "rate_limited", "ok");
    assertThat(attempts.findValues("status").stream().map(JsonNode::asInt))
        .containsExactly(429, 429, 200);
    assertThat(r.json().get("latencyMs").asLong())
        .as("waited Retry-After twice")
        .isGreaterThanOrEqualTo(2000);
    assertThat(r.json().get("fallback").asBoolean()).isFalse();
    assertThat(llm.mock.requests().size()).isEqualTo(3);
  }

  @Test
  void eachProviderRetriesARateLimitAndFallsBackToTheNextWhenDown() {
    var providers = LlmFixture.PROVIDERS;
    for (int i = 0; i < providers.size(); i++) {
      var p = providers.get(i);
      var next = providers.get((i + 1) % providers.size());
      llm.deploy(
          "chain/" + p.name(),
          "---\nmodel: %s/%s\npromptops.fallback: [%s/%s]\n---\nSay hello.\n"
              .formatted(p.name(), MODELS.get(p.name()), next.name(), MODELS.get(next.name())));
    }
    for (int i = 0; i < providers.size(); i++) {
      var p = providers.get(i);
      var next = providers.get((i + 1) % providers.size());
      String model = MODELS.get(p.name());

      llm.rules(
          MockRule.builder("busy")
              .model(model)
              .fault(Fault.rateLimit(Duration.ZERO))
              .times(1)
              .build());
      JsonNode retried = run("chain/" + p.name(), Map.of()).json();
      assertThat(retried.get("provider").asText()).as(p.name()).isEqualTo(p.name());
      assertThat(retried.get("attempts").findValuesAsText("outcome"))
          .as(p.name())
          .containsExactly("rate_limited", "ok");
      assertThat(retried.at("/attempts/0/status").asInt()).isEqualTo(429);

      llm.rules(MockRule.builder("down").model(model).fault(Fault.serverError()).build());
      JsonNode fellBack = run("chain/" + p.name(), Map.of()).json();
      assertThat(fellBack.get("provider").asText()).as(p.name()).isEqualTo(next.name());
      assertThat(fellBack.get("fallback").asBoolean()).isTrue();
      assertThat(fellBack.get("attempts").findValuesAsText("outcome"))
          .as(p.name())
          .containsExactly("server_error", "server_error", "server_error", "ok");
      assertThat(llm.mock.requests().last().protocol()).isEqualTo(next.protocol());
    }
  }

  @Test
  void serverErrorsAreRetried() {
    llm.deploy("hello/anthropic", greeting("anthropic/claude-sonnet-4-5"));
    llm.rules(MockRule.builder("down").fault(Fault.serverError()).times(1).build());

    Resp r = run("hello/anthropic", ANN);

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("attempts").findValuesAsText("outcome"))
        .containsExactly("server_error", "ok");
    assertThat(r.json().at("/attempts/0/status").asInt()).isEqualTo(500);
  }

  static final String WITH_FALLBACK =
      """
      ---
      model: openai/gpt-4o-mini
      promptops.fallback: [anthropic/claude-sonnet-4-5]
      input:
        schema:
          name: string
      ---
      Say hello to {{name}}.
      """;

  @Test
  void fallsBackToTheNextModelWhenTheFirstKeepsFailing() {
    llm.deploy("hello/fallback", WITH_FALLBACK);
    llm.rules(
        MockRule.builder("openai-down").model("gpt-4o-mini").fault(Fault.serverError()).build());

    Resp r = run("hello/fallback", ANN);

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.get("provider").asText()).isEqualTo("anthropic");
    assertThat(j.get("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(j.get("fallback").asBoolean()).isTrue();
    assertThat(j.at("/output/text").asText()).isEqualTo("echo: Say hello to Ann.");
    assertThat(j.get("attempts").findValuesAsText("provider"))
        .containsExactly("openai", "openai", "openai", "anthropic");
    assertThat(j.get("attempts").findValuesAsText("outcome"))
        .containsExactly("server_error", "server_error", "server_error", "ok");
    assertThat(j.at("/cost").decimalValue()).isEqualByComparingTo("0.000105"); // 5 in, 6 out
  }

  @Test
  void whenEveryModelFailsTheAnswerIs503WithTheAttempts() {
    llm.deploy("hello/fallback", WITH_FALLBACK);
    llm.rules(MockRule.builder("all-down").fault(Fault.serverError()).build());

    Resp r = run("hello/fallback", ANN);

    assertThat(r.status()).as(r.toString()).isEqualTo(503);
    assertThat(r.errorCode()).isEqualTo("provider_server_error");
    assertThat(r.json().at("/error/message").asText())
        .contains("openai/gpt-4o-mini: server_error")
        .contains("anthropic/claude-sonnet-4-5: server_error");
    assertThat(r.json().at("/error/hint").asText()).isNotBlank();
    assertThat(llm.mock.requests().size()).isEqualTo(6);

    Resp streamed = run("hello/fallback", Map.of("input", Map.of("name", "Ann"), "stream", true));
    assertThat(streamed.status()).isEqualTo(200);
    Sse last = Sse.parse(streamed.text()).getLast();
    assertThat(last.event()).isEqualTo("error");
    assertThat(last.json().at("/error/code").asText()).isEqualTo("provider_server_error");
  }

  @Test
  void aProviderThatDoesNotAnswerInTimeIsRetriedThenFallenBackFrom() {
    var slow = LlmFixture.PROVIDERS.getFirst();
    LlmFixture.ok(
        llm.server.put(
            LlmFixture.P + "/providers/slow",
            ADMIN_KEY,
            Map.of(
                "type",
                "openai",
                "baseUrl",
                llm.mock.baseUrl(slow.protocol()),
                "apiKey",
                slow.apiKey(),
                "timeoutSeconds",
                1,
                "maxRetries",
                1)));
    llm.deploy(
        "hello/slow",
        """
        ---
        model: slow/gpt-4o-mini
        promptops.fallback: [ollama/llama3.2]
        ---
        Say hello.
        """);
    llm.deploy("hello/slow-alone", "---\nmodel: slow/gpt-4o-mini\n---\nSay hello.\n");
    llm.rules(
        MockRule.builder("hang")
            .model("gpt-4o-mini")
            .fault(Fault.timeout(Duration.ofSeconds(5)))
            .build());

    Resp r = run("hello/slow", Map.of());

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("provider").asText()).isEqualTo("ollama");
    assertThat(r.json().get("attempts").findValuesAsText("outcome"))
        .containsExactly("timeout", "timeout", "ok");

    Resp failed = run("hello/slow-alone", Map.of());
    assertThat(failed.status()).as(failed.toString()).isEqualTo(503);
    assertThat(failed.errorCode()).isEqualTo("provider_timeout");
    assertThat(failed.json().at("/error/message").asText())
        .contains("slow/gpt-4o-mini: timeout; slow/gpt-4o-mini: timeout");
  }

  @Test
  void refusesBeforeCallingAnyProvider() {
    llm.deploy("bad/provider", greeting("nosuch/some-model"));
    llm.deploy("bad/no-model", "---\ninput:\n  schema:\n    name: string\n---\nHi {{name}}\n");
    llm.deploy(
        "bad/config", "---\nmodel: openai/gpt-4o-mini\nconfig:\n  temprature: 0.2\n---\nHi\n");
    llm.deploy("hello/openai", greeting("openai/gpt-4o-mini"));

    for (boolean stream : List.of(false, true)) {
      Resp unknown = run("bad/provider", Map.of("input", Map.of("name", "Ann"), "stream", stream));
      assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
      assertThat(unknown.errorCode()).isEqualTo("provider_not_found");
      assertThat(unknown.json().at("/error/message").asText()).contains("nosuch");
      assertThat(unknown.json().at("/error/hint").asText())
          .contains("promptops provider add nosuch");

      Resp missing = run("hello/openai", Map.of("input", Map.of(), "stream", stream));
      assertThat(missing.status()).as(missing.toString()).isEqualTo(422);
      assertThat(missing.json().at("/error/details/problems/0/variable").asText())
          .isEqualTo("name");

      Resp noModel = run("bad/no-model", Map.of("input", Map.of("name", "Ann"), "stream", stream));
      assertThat(noModel.status()).as(noModel.toString()).isEqualTo(400);
      assertThat(noModel.errorCode()).isEqualTo("no_model");
      assertThat(noModel.json().at("/error/hint").asText()).contains("model: openai/gpt-4o-mini");

      Resp config = run("bad/config", Map.of("stream", stream));
      assertThat(config.status()).as(config.toString()).isEqualTo(400);
      assertThat(config.errorCode()).isEqualTo("unknown_config");
      assertThat(config.json().at("/error/message").asText()).contains("temprature");
    }
    Resp unknownPrompt = run("nope", ANN);
    assertThat(unknownPrompt.status()).isEqualTo(404);
    assertThat(llm.mock.requests().size()).as("no provider was called").isZero();
  }

  @Test
  void everyRunRecordsAUsageEvent() {
    deployGreetings();
    llm.deploy("hello/fallback", WITH_FALLBACK);
    int version = llm.deploy("hello/openai", greeting("openai/gpt-4o-mini") + "Be brief.\n");
    String digest = digestOf("hello/openai");
    llm.rules(MockRule.builder("claude-down").model("claude-*").fault(Fault.serverError()).build());

    assertThat(run("hello/openai", ANN).status()).isEqualTo(200);
    assertThat(run("hello/compat", ANN).status()).isEqualTo(200);
    Resp byVersion =
        llm.server.post(LlmFixture.P + "/prompts/hello/ollama/-/run?version=1", ADMIN_KEY, ANN);
    assertThat(byVersion.status()).isEqualTo(200);
    llm.rules(MockRule.builder("all-down").fault(Fault.serverError()).build());
    assertThat(run("hello/fallback", ANN).status()).isEqualTo(503);

    List<UsageEvent> events = llm.usage(4);

    assertThat(events).hasSize(4);
    UsageEvent ok = events.get(0);
    assertThat(ok.project()).isEqualTo("shop");
    assertThat(ok.prompt()).isEqualTo("hello/openai");
    assertThat(ok.version()).isEqualTo(version);
    assertThat(ok.digest()).isEqualTo(digest);
    assertThat(ok.environment()).isEqualTo("production");
    assertThat(ok.source()).isEqualTo("api");
    assertThat(ok.provider()).isEqualTo("openai");
    assertThat(ok.model()).isEqualTo("gpt-4o-mini");
    assertThat(ok.inputTokens()).isEqualTo(11);
    assertThat(ok.outputTokens()).isEqualTo(9);
    assertThat(ok.cost()).isEqualByComparingTo("0.00000705");
    assertThat(ok.latencyMillis()).isNotNegative();
    assertThat(ok.outcome()).isEqualTo("ok");
    assertThat(ok.attempts()).isEqualTo(1);

    UsageEvent unpriced = events.get(1);
    assertThat(unpriced.provider()).isEqualTo("compat");
    assertThat(unpriced.cost()).isNull();

    UsageEvent exact = events.get(2);
    assertThat(exact.prompt()).isEqualTo("hello/ollama");
    assertThat(exact.environment()).as("an exact version names no environment").isNull();

    UsageEvent failed = events.get(3);
    assertThat(failed.prompt()).isEqualTo("hello/fallback");
    assertThat(failed.outcome()).isEqualTo("server_error");
    assertThat(failed.attempts()).isEqualTo(6);
    assertThat(failed.inputTokens()).isZero();
    assertThat(failed.cost()).isNull();
  }

  @Test
  void providerAnswersNeverCarryTheApiKey() {
    for (var p : LlmFixture.PROVIDERS) {
      Resp one = llm.server.get(LlmFixture.P + "/providers/" + p.name(), ADMIN_KEY);
      answers.add(one);
      assertThat(one.json().get("hasSecret").asBoolean()).isTrue();
    }
    answers.add(llm.server.get(LlmFixture.P + "/providers", ADMIN_KEY));
    answers.add(llm.server.get(LlmFixture.P + "/audit", ADMIN_KEY));
    assertThat(llm.server.console()).doesNotContain(LlmFixture.PROVIDERS.getFirst().apiKey());
  }

  private String digestOf(String name) {
    Resp r = llm.server.get(LlmFixture.P + "/prompts/" + name, ADMIN_KEY);
    return r.json().get("digest").asText();
  }
}
