package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.json.Json;
import dev.promptops.providers.mock.Fault;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import dev.promptops.providers.mock.MockRule;
import dev.promptops.providers.mock.MockRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promptops run} as a user drives it: the mock LLM server stands in for the providers, which
 * are added with {@code promptops provider add}; prompts are pushed and deployed with the CLI, then
 * run on each provider's protocol, streamed, retried and fallen back from.
 */
class RunCommandIT {
  /** name, type, mock protocol, model. */
  record Provider(String name, String type, MockProtocol protocol, String model) {}

  static final List<Provider> PROVIDERS =
      List.of(
          new Provider("openai", "openai", MockProtocol.OPENAI, "gpt-4o-mini"),
          new Provider("vllm", "openai-compatible", MockProtocol.OPENAI, "llama-3-8b"),
          new Provider("azure", "azure-openai", MockProtocol.AZURE_OPENAI, "prod-gpt4o"),
          new Provider("anthropic", "anthropic", MockProtocol.ANTHROPIC, "claude-sonnet-4-5"),
          new Provider("google", "gemini", MockProtocol.GEMINI, "gemini-2.5-flash"),
          new Provider("ollama", "ollama", MockProtocol.OLLAMA, "llama3.2"));

  @TempDir static Path data;
  @TempDir static Path work;
  static MockLlmServer mock;
  static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    mock = MockLlmServer.start();
    server = new RunningServer(data);
    Files.writeString(work.resolve("promptops.yaml"), "project: shop\n");
    Files.createDirectories(work.resolve("prompts/hello"));
    for (Provider p : PROVIDERS) {
      Files.writeString(
          work.resolve("prompts/hello/" + p.name() + ".prompt"),
          greeting(p.name() + "/" + p.model()));
    }
    Files.writeString(
        work.resolve("prompts/fallback.prompt"),
        """
        ---
        model: openai/gpt-4o-mini
        promptops.fallback: [anthropic/claude-sonnet-4-5]
        input:
          schema:
            name: string
        ---
        Say hello to {{name}}.
        """);
    Files.writeString(
        work.resolve("prompts/order.prompt"),
        """
        ---
        model: anthropic/claude-sonnet-4-5
        input:
          schema:
            question: string
        output:
          format: json
          schema:
            status(enum): [shipped, pending]
        ---
        Where is my order? {{question}}
        """);
    var cli = cli();
    ok(cli.run("sync"));
    for (Provider p : PROVIDERS) {
      var args = new ArrayList<>(List.of("provider", "add", p.name(), "--type", p.type()));
      args.addAll(List.of("--base-url", mock.baseUrl(p.protocol()), "--api-key-stdin"));
      args.addAll(List.of("--call-timeout", "5", "--max-retries", "2"));
      if (p.protocol() == MockProtocol.AZURE_OPENAI) {
        args.addAll(List.of("--option", "apiVersion=2024-10-21"));
      }
      ok(cli.stdin("key-for-" + p.name() + "\n").run(args.toArray(String[]::new)));
    }
    ok(cli.stdin("").run("push"));
    for (String name : names()) {
      ok(cli.run("deploy", name + "@1", "--env", "production"));
    }
  }

  static List<String> names() {
    var names = new ArrayList<String>();
    PROVIDERS.forEach(p -> names.add("hello/" + p.name()));
    names.addAll(List.of("fallback", "order"));
    return names;
  }

  @AfterAll
  static void stop() {
    server.close();
    mock.close();
  }

  @BeforeEach
  void noRules() {
    mock.useRules(MockRules.of());
    mock.requests().clear();
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

  static CliRunner cli() {
    return new CliRunner(work)
        .env("PROMPTOPS_URL", server.url())
        .env("PROMPTOPS_API_KEY", RunningServer.ADMIN_KEY);
  }

  static CliRunner.Result ok(CliRunner.Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  @Test
  void runsADeployedPromptOnEachProvidersProtocol() {
    for (Provider p : PROVIDERS) {
      var r = ok(cli().run("run", "hello/" + p.name(), "--vars", "{\"name\": \"Ann\"}"));

      assertThat(r.out()).isEqualTo("echo: Say hello to Ann.\n");
      assertThat(r.err())
          .startsWith("ran hello/" + p.name() + "@1 (production, sha256:")
          .contains(") on " + p.name() + "/" + p.model() + " in ")
          .contains("tokens 9 in, 6 out; cost ")
          .doesNotContain("attempts:");
      assertThat(mock.requests().last().protocol()).as(p.name()).isEqualTo(p.protocol());
      assertThat(
              mock.requests().last().header("authorization") != null
                  || mock.requests().last().header("x-api-key") != null
                  || mock.requests().last().header("api-key") != null
                  || mock.requests().last().header("x-goog-api-key") != null)
          .as(p.name() + " sends its stored key")
          .isTrue();
    }
  }

  @Test
  void streamsTheAnswerAsItArrives() {
    mock.useRules(
        MockRules.of(MockRule.builder("long").reply("Hello Ann, nice to meet you!").build()));

    var r =
        ok(cli().run("run", "hello/anthropic", "--vars", "{\"name\": \"Ann\"}", "--stream", "-q"));

    assertThat(r.out()).isEqualTo("Hello Ann, nice to meet you!\n");
    assertThat(r.err()).isEmpty();
    assertThat(mock.requests().last().stream()).isTrue();
  }

  @Test
  void retriesAndFallbackAreListedAttemptByAttempt() throws Exception {
    mock.useRules(
        MockRules.of(
            MockRule.builder("busy")
                .model("claude-*")
                .fault(Fault.rateLimit(Duration.ofMillis(100)))
                .times(1)
                .build(),
            MockRule.builder("openai-down")
                .model("gpt-4o-mini")
                .fault(Fault.serverError())
                .build()));

    var retried = ok(cli().run("run", "hello/anthropic", "--vars", "{\"name\": \"Ann\"}"));
    assertThat(retried.err())
        .contains("attempts:")
        .containsPattern("anthropic/claude-sonnet-4-5 +rate_limited +HTTP 429")
        .containsPattern("anthropic/claude-sonnet-4-5 +ok +HTTP 200")
        .doesNotContain("fallback");

    var fellBack = ok(cli().run("run", "fallback", "--vars", "{\"name\": \"Ann\"}"));
    assertThat(fellBack.out()).isEqualTo("echo: Say hello to Ann.\n");
    assertThat(fellBack.err())
        .contains("on anthropic/claude-sonnet-4-5 after a fallback")
        .containsPattern(
            "(?s)(openai/gpt-4o-mini +server_error +HTTP 500.*){3}anthropic/claude-sonnet-4-5 +ok");

    var json =
        ok(cli().run("run", "fallback", "--vars", "{\"name\": \"Ann\"}", "--output", "json"));
    var result = Json.parse(json.out());
    assertThat(result.get("fallback").asBoolean()).isTrue();
    assertThat(result.get("attempts")).hasSize(4);
  }

  @Test
  void whenEveryModelFailsTheExitCodeIs3AndTheMessageListsTheAttempts() {
    mock.useRules(MockRules.of(MockRule.builder("down").fault(Fault.serverError()).build()));

    var r = cli().run("run", "fallback", "--vars", "{\"name\": \"Ann\"}");

    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.err())
        .contains("every model failed")
        .contains("openai/gpt-4o-mini: server_error")
        .contains("anthropic/claude-sonnet-4-5: server_error");
  }

  @Test
  void jsonOutputIsPrintedAndCheckedAgainstTheOutputSchema() throws Exception {
    mock.useRules(
        MockRules.of(
            MockRule.builder("ok")
                .contains("#1")
                .json(Json.object().put("status", "shipped"))
                .build(),
            MockRule.builder("bad")
                .contains("#2")
                .json(Json.object().put("status", "lost"))
                .build()));

    var valid = ok(cli().run("run", "order", "--vars", "{\"question\": \"order #1\"}", "-q"));
    assertThat(Json.parse(valid.out()).get("status").asText()).isEqualTo("shipped");

    var invalid = cli().run("run", "order", "--vars", "{\"question\": \"order #2\"}", "-q");
    assertThat(invalid.code()).as(invalid.toString()).isEqualTo(1);
    assertThat(invalid.err())
        .contains("the output does not fit the output schema of order:")
        .contains("status");
  }

  @Test
  void configOverridesReachTheProviderAndBadInputIsAUsageError() {
    ok(
        cli()
            .run(
                "run",
                "hello/openai@1",
                "--vars",
                "{\"name\": \"Ann\"}",
                "--config",
                "temperature=0",
                "--config",
                "stopSequences=[\"END\"]"));
    var sent = mock.requests().last().body();
    assertThat(sent.get("temperature").asDouble()).isZero();
    assertThat(sent.get("stop").toString()).contains("END");

    var missing = cli().run("run", "hello/openai", "--vars", "{}");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("name");
    var badConfig = cli().run("run", "hello/openai", "--config", "temperature");
    assertThat(badConfig.code()).isEqualTo(2);
    assertThat(badConfig.err()).contains("--config takes KEY=VALUE");
    var typo =
        cli().run("run", "hello/openai", "--vars", "{\"name\": \"A\"}", "--config", "temprature=1");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("temprature");
    var unknown = cli().run("run", "nope");
    assertThat(unknown.code()).isEqualTo(2);
  }
}
