package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.json.Json;
import dev.promptops.providers.mock.Fault;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import dev.promptops.providers.mock.MockRule;
import dev.promptops.providers.mock.MockRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * {@code promptops eval} as CI runs it: a project with prompts and suites, the mock LLM server as
 * the provider (through {@code OPENAI_BASE_URL}), reports on disk, exit codes from the gate; a real
 * server for the baseline.
 */
class EvalCommandIT {
  @TempDir Path work;
  @TempDir Path data;
  MockLlmServer mock;

  static final String HELLO =
      """
      ---
      model: openai/gpt-4o-mini
      input:
        schema:
          name: string
      ---
      Say hello to {{name}}.
      """;

  static final String SUITE =
      """
      description: hello greets by name
      prompts: [../prompts/hello.prompt]
      defaults:
        assert: [{type: not-icontains, value: "as an AI"}]
      cases:
        - vars: {name: Ann}
          assert: [{type: icontains, value: "{{name}}"}]
        - vars: {name: Bob}
          assert: [{type: contains, value: Bob}]
        - description: formal
          vars: {name: Cy}
          assert: [{type: starts-with, value: Dear}]
      gate: {minPassRate: %s}
      """;

  @BeforeEach
  void start() throws Exception {
    mock = MockLlmServer.start();
    Files.writeString(work.resolve("promptops.yaml"), "project: shop\n");
    Files.createDirectories(work.resolve("prompts"));
    Files.createDirectories(work.resolve("evals"));
    Files.writeString(work.resolve("prompts/hello.prompt"), HELLO);
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  CliRunner cli() {
    return new CliRunner(work)
        .env("OPENAI_BASE_URL", mock.baseUrl(MockProtocol.OPENAI))
        .env("OPENAI_API_KEY", "mock-key");
  }

  void suite(String minPassRate) throws Exception {
    Files.writeString(work.resolve("evals/hello.yaml"), SUITE.formatted(minPassRate));
  }

  @Test
  void aSuiteRunsLocallyIsGatedAndWritesJunitAndMarkdown() throws Exception {
    suite("1");

    var r =
        cli()
            .run(
                "eval",
                "--junit",
                "out/junit.xml",
                "--markdown",
                "out/summary.md",
                "-o",
                "out/report.html");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("hello on openai/gpt-4o-mini").contains("gate failed");
    assertThat(r.err()).contains("eval: 3/3 100%").contains("results: .promptops/evals/ev_");
    assertThat(mock.requests().size()).isEqualTo(3);

    var xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(work.resolve("out/junit.xml").toFile())
            .getDocumentElement();
    Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(xml.getElementsByTagName("failure").item(0).getTextContent())
        .contains("does not start with \"Dear\"");
    String md = Files.readString(work.resolve("out/summary.md"));
    assertThat(md)
        .contains("Eval gate failed")
        .contains("pass rate 66.7% &lt; 100.0%")
        .contains("formal");
    assertThat(Files.readString(work.resolve("out/report.html")))
        .contains("<html")
        .contains("formal");
  }

  @Test
  void answersComeFromTheCacheTheSecondTimeUnlessNoCache() throws Exception {
    suite("0.5");
    assertThat(cli().run("eval").code()).isZero();
    assertThat(mock.requests().size()).isEqualTo(3);

    var again = cli().run("eval", "-o", "json");
    assertThat(again.code()).isZero();
    assertThat(mock.requests().size()).as("all three from the cache").isEqualTo(3);
    var report = Json.parse(again.out());
    assertThat(report.at("/variants/0/cachedCases").asInt()).isEqualTo(3);
    assertThat(report.at("/gate/pass").asBoolean()).isTrue();

    assertThat(cli().run("eval", "--no-cache").code()).isZero();
    assertThat(mock.requests().size()).isEqualTo(6);
  }

  @Test
  void casesWithoutAnAnswerAreAnInfrastructureFailure() throws Exception {
    suite("0");
    mock.useRules(MockRules.of(MockRule.builder("down").fault(Fault.serverError()).build()));

    var r = cli().run("eval", "--no-cache");

    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.out()).contains("got no answer");
  }

  @Test
  void aPromptfooConfigRunsUnchangedAndUnsupportedAssertionsAreListed() throws Exception {
    String config =
        """
        description: tweets
        prompts: ["Write a tweet about {{topic}}"]
        providers:
          - id: openai:chat:gpt-4o-mini
            config: {apiBaseUrl: %s, apiKey: k, temperature: 0}
        defaultTest:
          assert: [{type: icontains, value: "{{topic}}"}]
        tests:
          - vars: {topic: bananas}
          - vars: {topic: apples}
            assert: [{type: length, value: {max: 280}}, {type: not-contains, value: "#ad", weight: 0}]
        """
            .formatted(mock.baseUrl(MockProtocol.OPENAI));
    Files.writeString(work.resolve("promptfooconfig.yaml"), config);

    var ok =
        new CliRunner(work)
            .run(
                "eval", "-c", "promptfooconfig.yaml", "-j", "2", "-o", "out.json", "--repeat", "2");
    assertThat(ok.code()).as(ok.toString()).isZero();
    var json = Json.parse(Files.readString(work.resolve("out.json")));
    assertThat(json.at("/report/variants/0/cases").asInt()).isEqualTo(4);
    assertThat(json.get("results")).hasSize(4);
    assertThat(mock.requests().last().body().path("temperature").asDouble()).isZero();

    Files.writeString(
        work.resolve("promptfooconfig.yaml"),
        config.replace(
            "{type: length, value: {max: 280}}",
            "{type: javascript, value: \"output.length < 280\"}"));
    var refused = new CliRunner(work).run("eval", "-c", "promptfooconfig.yaml");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("does not support: javascript (tests 2)");
  }

  @Test
  void aBadReportFileIsRefusedBeforeAnyCaseRuns() throws Exception {
    suite("1");

    var r = cli().run("eval", "-o", "report.docx");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(".docx");
    assertThat(mock.requests().size()).isZero();
  }

  @Test
  void anInterruptedRunIsResumedWithoutRunningItsFinishedCasesAgain() throws Exception {
    var cases = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      cases.append("  - vars: {name: P").append(i).append("}\n");
    }
    Files.writeString(
        work.resolve("evals/many.yaml"),
        "prompts: [../prompts/hello.prompt]\ndefaults:\n  assert: [{type: icontains, value: hello}]\ncases:\n"
            + cases);
    var first = cli().run("eval", "evals/many.yaml", "--no-cache", "-j", "1");
    assertThat(first.code()).isZero();
    Path runs = work.resolve(".promptops/evals");
    String id;
    try (var ids = Files.list(runs)) {
      id = ids.findFirst().orElseThrow().getFileName().toString();
    }
    Path results = runs.resolve(id).resolve("results.jsonl");
    List<String> lines = Files.readAllLines(results);
    Files.write(results, lines.subList(0, 4));
    mock.requests().clear();

    var resumed = cli().run("eval", "--resume", id, "-o", "json");

    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertThat(resumed.err()).contains("resuming: 4 case run(s) already done");
    assertThat(mock.requests().size()).isEqualTo(6);
    assertThat(Json.parse(resumed.out()).at("/variants/0/cases").asInt()).isEqualTo(10);
    assertThat(Files.readAllLines(results)).hasSize(10);
  }

  @Test
  void aBaselineFromTheServerShowsRegressions() throws Exception {
    try (var server = new RunningServer(data)) {
      try (var client =
          PromptOpsClient.builder(server.url()).apiKey(RunningServer.ADMIN_KEY).build()) {
        client.createProject("shop", null, null);
      }
      var cli =
          cli()
              .env("PROMPTOPS_URL", server.url())
              .env("PROMPTOPS_API_KEY", RunningServer.ADMIN_KEY);
      assertThat(cli.run("push").code()).isZero();
      assertThat(cli.run("deploy", "hello@1", "--env", "production").code()).isZero();
      Files.writeString(
          work.resolve("prompts/hello.prompt"), HELLO.replace("Say hello to", "Wave at"));
      Files.writeString(
          work.resolve("evals/hello.yaml"),
          """
          prompts: [../prompts/hello.prompt]
          cases:
            - vars: {name: Ann}
              assert: [{type: icontains, value: hello}]
            - vars: {name: Bob}
              assert: [{type: icontains, value: Bob}]
          gate: {maxRegressions: 0}
          """);

      var r = cli.run("eval", "--baseline", "production", "--markdown", "pr.md");

      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.out()).contains("1 regression(s) against hello:production (v1)");
      String md = Files.readString(work.resolve("pr.md"));
      assertThat(md).contains("Regressions").contains("case 1");
    }
  }

  @Test
  void aRunOnTheServerAndAnUploadedLocalRunAreBothStoredForTheVersionTheyTested() throws Exception {
    try (var server = new RunningServer(data)) {
      try (var client =
          PromptOpsClient.builder(server.url()).apiKey(RunningServer.ADMIN_KEY).build()) {
        client.createProject("shop", null, null);
        client.setProvider(
            "shop",
            dev.promptops.core.provider.ProviderSettings.of(
                "openai",
                dev.promptops.core.provider.ProviderType.OPENAI,
                mock.baseUrl(MockProtocol.OPENAI)),
            "server-key");
      }
      var cli =
          cli()
              .env("PROMPTOPS_URL", server.url())
              .env("PROMPTOPS_API_KEY", RunningServer.ADMIN_KEY);
      assertThat(cli.run("push").code()).isZero();
      suite("0.6");

      var refused = cli.run("eval", "--remote");
      assertThat(refused.code()).isEqualTo(2);
      assertThat(refused.err())
          .contains("--remote runs registered prompts only")
          .contains("hello@N");

      var remote = cli.run("eval", "--remote", "--prompt", "hello@1", "--junit", "remote.xml");
      assertThat(remote.code()).as(remote.toString()).isZero();
      assertThat(remote.err()).contains("queued on " + server.url()).contains("finished");
      assertThat(remote.out()).contains("hello@1 on openai/gpt-4o-mini").contains("gate passed");
      assertThat(Files.readString(work.resolve("remote.xml"))).contains("tests=\"3\"");

      var local = cli.run("eval", "--upload", "--no-cache");
      assertThat(local.code()).as(local.toString()).isZero();
      assertThat(local.err()).contains("uploaded to " + server.url() + " as ev_");

      try (var client =
          PromptOpsClient.builder(server.url()).apiKey(RunningServer.ADMIN_KEY).build()) {
        var runs = client.evalRuns("shop", "hello", 1, 10);
        assertThat(runs).hasSize(2);
        assertThat(runs).extracting(r -> r.source()).containsExactlyInAnyOrder("server", "upload");
        var uploaded =
            runs.stream().filter(r -> r.source().equals("upload")).findFirst().orElseThrow();
        var results = new java.util.ArrayList<dev.promptops.core.eval.CaseResult>();
        client.evalResults("shop", uploaded.id()).open().forEachRemaining(results::add);
        assertThat(results).hasSize(3);
      }
    }
  }
}
