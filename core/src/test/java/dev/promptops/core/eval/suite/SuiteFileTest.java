package dev.promptops.core.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.AssertionType;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.Suite;
import dev.promptops.core.eval.TestCase;
import dev.promptops.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteFileTest {
  static final Path SUPPORT = Fixtures.path("native/evals/support.yaml");

  @TempDir Path dir;

  static Suite support() {
    return SuiteFile.read(SUPPORT, Map.of()).suite();
  }

  @Test
  void readsTheFullExample() {
    Suite s = support();

    assertThat(s.name()).isEqualTo("support");
    assertThat(s.description()).isEqualTo("Support replies stay polite and on topic");
    assertThat(s.file()).isEqualTo(SUPPORT);
    assertThat(s.repeat()).isEqualTo(2);
    assertThat(s.maxConcurrency()).isEqualTo(16);
    assertThat(s.digest()).matches("sha256:[0-9a-f]{64}");
    assertThat(s.gate().minPassRate()).isEqualTo(0.95);
    assertThat(s.gate().minMeanScore()).isEqualTo(0.8);
    assertThat(s.gate().minMetricPassRate()).containsExactly(Map.entry("llm-rubric", 0.9));
    assertThat(s.gate().maxRegressions()).isZero();
    assertThat(s.gate().maxErrors()).isZero();
    assertThat(s.graders().judge()).isEqualTo("openai/gpt-4o-mini");
    assertThat(s.graders().embeddings()).isEqualTo("openai/text-embedding-3-small");
    assertThat(s.graders().prompt())
        .isInstanceOfSatisfying(
            PromptSource.File.class, f -> assertThat(f.name()).isEqualTo("_grader"));
  }

  @Test
  void promptFilesAreNamedAsPushNamesThemAndRefsAreParsed() {
    List<PromptSource> prompts = support().prompts();

    assertThat(prompts).hasSize(3);
    assertThat(prompts.get(0))
        .isInstanceOfSatisfying(
            PromptSource.File.class,
            f -> {
              assertThat(f.name()).isEqualTo("support/reply");
              assertThat(f.path())
                  .isEqualTo(SUPPORT.resolveSibling("../prompts/support/reply.prompt").normalize());
            });
    assertThat(prompts.get(1).label()).isEqualTo("support/reply:production");
    assertThat(prompts.get(2).label()).isEqualTo("support/reply@3");
    assertThat(prompts.get(1)).isInstanceOf(PromptSource.Registered.class);
  }

  @Test
  void aFileOutsideAnyPromptsFolderIsNamedByItsFileName() {
    Fixtures.write(dir, "greet.prompt", "Hi {{name}}");
    Path suite =
        Fixtures.write(dir, "s.yaml", "prompts: [greet.prompt]\ncases: [{vars: {name: A}}]\n");

    var p = (PromptSource.File) SuiteFile.read(suite, Map.of()).suite().prompts().getFirst();

    assertThat(p.name()).isEqualTo("greet");
  }

  @Test
  void providersKeepTheirLabelAndConfig() {
    var providers = support().providers();

    assertThat(providers).hasSize(2);
    assertThat(providers.get(0).label()).isEqualTo("openai/gpt-4o-mini");
    assertThat(providers.get(0).config()).isNull();
    assertThat(providers.get(1).label()).isEqualTo("claude");
    assertThat(providers.get(1).model().toString()).isEqualTo("anthropic/claude-sonnet-4-5");
    assertThat(providers.get(1).config())
        .isEqualTo(Json.object().put("temperature", 0).put("maxOutputTokens", 512));
  }

  @Test
  void casesComeInOrderFromEverySourceWithTheDefaultsMergedIn() {
    List<TestCase> cases = Fixtures.all(support().cases());

    assertThat(support().cases().size()).hasValue(13);
    assertThat(cases)
        .extracting(TestCase::index)
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(cases)
        .extracting(TestCase::description)
        .containsExactly(
            "refund",
            "plain row",
            "quoted comma",
            "escaped quotes",
            "newline in quotes",
            "empty quoted field",
            "quote inside unquoted",
            "last row",
            null,
            "jsonl one",
            null,
            "yaml one",
            null);
    TestCase refund = cases.getFirst();
    assertThat(Json.write(refund.vars()))
        .isEqualTo("{\"shop\":\"Acme\",\"customer\":\"Ann\",\"message\":\"I want a refund\"}");
    assertThat(refund.assertions())
        .extracting(AssertionSpec::displayType, AssertionSpec::weight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("not-icontains", 1.0),
            org.assertj.core.groups.Tuple.tuple("icontains", 2.0));
    assertThat(refund.threshold()).isEqualTo(0.8);
    assertThat(cases.get(9).vars().get("customer").asText()).isEqualTo("Bo");
    assertThat(cases.get(10).threshold()).isEqualTo(0.5);
    assertThat(cases.get(11).assertions().get(1).value().toString())
        .isEqualTo("[\"cancel\",\"cancelled\"]");
  }

  @Test
  void csvRowsKeepEveryQuotingCase() {
    List<TestCase> rows = Fixtures.all(support().cases()).subList(1, 8);

    assertThat(rows)
        .extracting(c -> c.vars().get("message").asText())
        .containsExactly(
            "plain",
            "with, comma",
            "with \"quotes\" inside",
            "two\nlines",
            "",
            "say \"hi\" there",
            "last");
  }

  @Test
  void csvExpectedColumnsBecomeAssertions() {
    List<TestCase> rows = Fixtures.all(support().cases()).subList(1, 8);

    assertThat(own(rows.get(0)))
        .containsExactly(
            "{\"type\":\"contains\",\"value\":\"refund\",\"metric\":\"tone\"}",
            "{\"type\":\"icontains\",\"value\":\"REFUND\",\"metric\":\"tone\"}");
    assertThat(rows.get(0).threshold()).isEqualTo(0.5);
    assertThat(own(rows.get(1)))
        .containsExactly("{\"type\":\"regex\",\"value\":\"^Hi\\\\b\"}", "{\"type\":\"is-json\"}");
    assertThat(rows.get(1).threshold()).isEqualTo(0.8);
    assertThat(own(rows.get(2)))
        .containsExactly(
            "{\"type\":\"not-contains\",\"value\":\"sorry\"}",
            "{\"type\":\"similar\",\"value\":\"happy to help\",\"threshold\":0.9}");
    assertThat(own(rows.get(3)))
        .containsExactly(
            "{\"type\":\"llm-rubric\",\"value\":\"stays polite\"}",
            "{\"type\":\"similar\",\"value\":\"on topic\",\"threshold\":0.8}");
    assertThat(own(rows.get(4)))
        .containsExactly(
            "{\"type\":\"equals\",\"value\":\"Paris\"}",
            "{\"type\":\"contains-any\",\"value\":[\"a\",\"b\",\"c\"]}");
    assertThat(own(rows.get(5)))
        .containsExactly(
            "{\"type\":\"starts-with\",\"value\":\"Hello\",\"threshold\":0.75}",
            "{\"type\":\"levenshtein\",\"value\":\"Hello world\",\"threshold\":3.0}");
    assertThat(own(rows.get(6)))
        .containsExactly(
            "{\"type\":\"not-icontains\",\"value\":\"as an AI\"}",
            "{\"type\":\"word-count\",\"value\":\"5\"}");
  }

  /** The row's own assertions (after the one default), as JSON. */
  static List<String> own(TestCase c) {
    return c.assertions().subList(1, c.assertions().size()).stream()
        .map(a -> Json.write(EvalJson.assertion(a)))
        .toList();
  }

  @Test
  void withoutAGateTheDefaultGateApplies() {
    Fixtures.write(dir, "p.prompt", "Hi");
    Path suite = Fixtures.write(dir, "s.yaml", "prompts: [p.prompt]\ncases: [{vars: {}}]\n");

    Suite s = SuiteFile.read(suite, Map.of()).suite();

    assertThat(s.gate()).isEqualTo(dev.promptops.core.eval.Gate.DEFAULT);
    assertThat(s.repeat()).isEqualTo(1);
    assertThat(s.maxConcurrency()).isNull();
    assertThat(s.providers()).isEmpty();
  }

  @Test
  void aGateThatSaysNothingOfErrorsStillAllowsNone() {
    Fixtures.write(dir, "p.prompt", "Hi");
    Path suite =
        Fixtures.write(
            dir, "s.yaml", "prompts: [p.prompt]\ncases: [{vars: {}}]\ngate: {minMeanScore: 0.7}\n");

    var gate = SuiteFile.read(suite, Map.of()).suite().gate();

    assertThat(gate.minMeanScore()).isEqualTo(0.7);
    assertThat(gate.minPassRate()).isNull();
    assertThat(gate.maxErrors()).isZero();
  }

  @Test
  void apiKeysComeFromTheNamedVariable() {
    Fixtures.write(dir, "p.prompt", "Hi");
    Path suite =
        Fixtures.write(
            dir,
            "s.yaml",
            "prompts: [p.prompt]\ncases: [{vars: {}}]\n"
                + "providers: [{id: eu/gpt-4o, type: openai-compatible, baseUrl: 'http://127.0.0.1:9/v1',"
                + " apiKeyEnv: EU_KEY, options: {region: eu}}]\n");

    var p = SuiteFile.read(suite, Map.of("EU_KEY", "sk-eu")).suite().providers().getFirst();

    assertThat(p.apiKey()).isEqualTo("sk-eu");
    assertThat(p.type()).isEqualTo(dev.promptops.core.provider.ProviderType.OPENAI_COMPATIBLE);
    assertThat(p.baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
    assertThat(p.options()).containsEntry("region", "eu");
    assertThatThrownBy(() -> SuiteFile.read(suite, Map.of()))
        .hasMessage(
            Origin.show(suite)
                + ": providers 1 (eu/gpt-4o): apiKeyEnv names EU_KEY, which is not set");
  }

  @Test
  void aProviderMayLimitItsCallsForTheRunAndTheLimitsApplyToItsProvider() {
    Fixtures.write(dir, "p.prompt", "Hi");
    Path suite =
        Fixtures.write(
            dir,
            "s.yaml",
            "prompts: [p.prompt]\ncases: [{vars: {}}]\n"
                + "providers: [{id: openai/gpt-4o-mini, maxConcurrent: 4, requestsPerMinute: 600},"
                + " openai/gpt-4o]\n");

    var providers = SuiteFile.read(suite, Map.of()).suite().providers();

    assertThat(providers.getFirst().maxConcurrent()).isEqualTo(4);
    assertThat(providers.getFirst().requestsPerMinute()).isEqualTo(600);
    assertThat(providers.get(1).limited()).isFalse();
    var env =
        dev.promptops.core.provider.ProviderDirectory.environment(
            Map.of("OPENAI_API_KEY", "sk-test"));
    var config =
        new dev.promptops.core.eval.engine.SuiteProviders(providers, env).resolve("p", "openai");
    assertThat(config.maxConcurrent()).isEqualTo(4);
    assertThat(config.requestsPerMinute()).isEqualTo(600);
    assertThat(config.apiKey()).isEqualTo("sk-test");

    assertThat(error("cases: [{vars: {}}]\nproviders: [{id: openai/gpt-4o, maxConcurrent: 0}]\n"))
        .hasMessageContaining("maxConcurrent must be a whole number from 1 to 1000000, not 0");
    Path conflicting =
        Fixtures.write(
            dir,
            "c.yaml",
            "prompts: [p.prompt]\ncases: [{vars: {}}]\n"
                + "providers: [{id: openai/gpt-4o-mini, maxConcurrent: 4},"
                + " {id: openai/gpt-4o, maxConcurrent: 8}]\n");
    var both = SuiteFile.read(conflicting, Map.of()).suite().providers();
    assertThatThrownBy(() -> new dev.promptops.core.eval.engine.SuiteProviders(both, env))
        .hasMessageContaining("both run on provider 'openai' but set different limits");
  }

  @Test
  void aSubmittedSuiteMayNotConfigureEndpointsOrLimitsOfItsOwn() throws Exception {
    for (String provider :
        List.of(
            "{\"id\": \"openai/gpt-4o\", \"baseUrl\": \"http://127.0.0.1:9/v1\"}",
            "{\"id\": \"openai/gpt-4o\", \"maxConcurrent\": 2}",
            "{\"id\": \"openai/gpt-4o\", \"requestsPerMinute\": 60}")) {
      var root =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              Json.parse(
                  "{\"prompts\": [\"hello:production\"], \"cases\": [{\"vars\": {}}],"
                      + " \"providers\": ["
                      + provider
                      + "]}");
      assertThatThrownBy(() -> SuiteFile.fromJson("s", root))
          .as(provider)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("provider openai/gpt-4o sets '");
    }
  }

  @Test
  void errorsNameTheFileTheCaseAndTheAssertion() {
    Fixtures.write(dir, "p.prompt", "Hi");
    String file = Origin.show(dir.resolve("s.yaml"));

    assertThat(
            error(
                "cases:\n  - {vars: {}}\n  - description: refund\n    assert: [{type: contains}, {type: contains, weight: -1}]\n"))
        .hasMessage(
            file + ": case 2 (\"refund\"), assertion 2: weight must be a number >= 0, not -1.0");
    assertThat(error("cases: [{assert: [{type: contains, threshold: high}]}]\n"))
        .hasMessage(file + ": case 1, assertion 1: threshold must be a number, not text");
    assertThat(error("cases: [{assert: [{value: x}]}]\n"))
        .hasMessage(file + ": case 1, assertion 1: type is missing");
    assertThat(error("cases: [{assert: [{type: contains, weigth: 2}]}]\n"))
        .hasMessage(file + ": case 1, assertion 1: unknown key 'weigth'");
    assertThat(error("cases: [{vars: {}, asserts: []}]\n"))
        .hasMessage(file + ": case 1: unknown key 'asserts'");
    assertThat(error("cases: [{vars: [a]}]\n"))
        .hasMessage(file + ": case 1: vars: must be a mapping, not a list");
  }

  @Test
  void unknownAssertionTypesAreCollectedIntoOneError() {
    Fixtures.write(dir, "p.prompt", "Hi");
    Fixtures.write(dir, "c.csv", "x,__expected\n1,javascript: true\n");
    var e =
        error(
            "defaults: {assert: [{type: icontain, value: x}]}\n"
                + "cases:\n  - assert: [{type: rouge-l}]\n  - file: c.csv\n  - assert: [{type: rouge-l}, {type: icontain}]\n");

    assertThat(e.code()).isEqualTo("unknown_assertion");
    assertThat(e)
        .hasMessage(
            Origin.show(dir.resolve("s.yaml"))
                + ": unknown assertion types: icontain (defaults; cases 3), rouge-l (cases 1, 3),"
                + " javascript ("
                + Origin.show(dir.resolve("c.csv"))
                + " lines 2)");
    assertThat(e.hint()).startsWith("use one of equals, contains, icontains,");
  }

  @Test
  void structuralMistakesAreRefusedWithAHint() {
    Fixtures.write(dir, "p.prompt", "Hi");
    String file = Origin.show(dir.resolve("s.yaml"));

    assertThat(error("cases: [{}]\ntimeout: 3\n"))
        .hasMessage(file + ": unknown key 'timeout'")
        .extracting(e -> ((InvalidInputException) e).hint())
        .asString()
        .startsWith("use only description, prompts, providers");
    assertThat(error("cases: []\n")).hasMessage(file + ": cases is missing");
    assertThat(error("cases: [{}]\nrepeat: 0\n"))
        .hasMessage(file + ": repeat must be a whole number from 1 to 1000, not 0");
    assertThat(error("cases: [{}]\ngate: {minPassRate: 95}\n"))
        .hasMessage(file + ": gate: minPassRate must be between 0 and 1: 95.0");
    assertThat(error("cases: [{}]\nproviders: [{id: openai/gpt-4o, apiKey: sk-1}]\n"))
        .hasMessage(file + ": providers 1: an API key does not belong in a suite file");
    assertThat(error("cases: [{}]\nproviders: [{id: openai/gpt-4o, config: {max_tokens: 5}}]\n"))
        .hasMessage(file + ": providers 1 (openai/gpt-4o): config: unknown key 'max_tokens'");
    assertThat(error("cases: [{}]\nproviders: [openai/a, openai/a]\n"))
        .hasMessage(file + ": providers: two providers are both labelled 'openai/a'");
    assertThat(error("cases: [{}]\nproviders: [gpt-4o]\n"))
        .hasMessage(file + ": providers 1: not a model reference: 'gpt-4o'");
    assertThat(error("cases: [{file: c.xlsx}]\n"))
        .hasMessage(file + ": case 1: case file c.xlsx is not .csv, .jsonl, .json, .yaml or .yml");
    assertThat(error("cases: [{file: missing.csv}]\n"))
        .hasMessage(
            file + ": case 1: case file not found: " + Origin.show(dir.resolve("missing.csv")));
  }

  @Test
  void promptsAreChecked() {
    String file = Origin.show(dir.resolve("s.yaml"));
    Path suite = Fixtures.write(dir, "s.yaml", "prompts: [nope.prompt]\ncases: [{}]\n");
    assertThatThrownBy(() -> SuiteFile.read(suite, Map.of()))
        .hasMessage(
            file
                + ": prompts 1: prompt file not found: "
                + Origin.show(dir.resolve("nope.prompt")));
    Fixtures.write(dir, "s.yaml", "prompts: ['a@1:b']\ncases: [{}]\n");
    assertThatThrownBy(() -> SuiteFile.read(suite, Map.of()))
        .hasMessage(file + ": prompts 1: 'a@1:b' names both a version and an environment");
    Fixtures.write(dir, "s.yaml", "cases: [{}]\n");
    assertThatThrownBy(() -> SuiteFile.read(suite, Map.of()))
        .hasMessage(file + ": prompts is missing");
    Fixtures.write(dir, "s.yaml", "prompts: [a\n");
    assertThatThrownBy(() -> SuiteFile.read(suite, Map.of()))
        .hasMessageStartingWith(file + ": does not parse as YAML (line ");
  }

  private InvalidInputException error(String yaml) {
    Path suite = Fixtures.write(dir, "s.yaml", "prompts: [p.prompt]\n" + yaml);
    try {
      SuiteFile.read(suite, Map.of());
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("no error for " + yaml);
  }

  @Test
  void anAssertionTypeWithNotIsNegated() {
    AssertionSpec a = Fixtures.all(support().cases()).getFirst().assertions().getFirst();
    assertThat(a.type()).isEqualTo(AssertionType.ICONTAINS);
    assertThat(a.negated()).isTrue();
  }
}
