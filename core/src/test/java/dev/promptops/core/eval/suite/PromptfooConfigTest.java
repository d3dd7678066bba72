package dev.promptops.core.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.ProviderSpec;
import dev.promptops.core.eval.Suite;
import dev.promptops.core.eval.TestCase;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.ProviderType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptfooConfigTest {
  static final Path CONFIG = Fixtures.path("promptfoo/promptfooconfig.yaml");

  @TempDir Path dir;

  static LoadedSuite config() {
    return PromptfooConfig.read(CONFIG, Map.of("AZURE_KEY", "az-secret"));
  }

  @Test
  void readsTheSuiteLevelSettings() {
    LoadedSuite loaded = config();
    Suite s = loaded.suite();

    assertThat(s.name()).isEqualTo("Translation bot");
    assertThat(s.repeat()).isEqualTo(2);
    assertThat(s.maxConcurrency()).isEqualTo(3);
    assertThat(s.gate()).isEqualTo(dev.promptops.core.eval.Gate.DEFAULT);
    assertThat(s.graders().judge()).isEqualTo("openai/gpt-4o-mini");
    assertThat(s.graders().embeddings()).isEqualTo("openai/text-embedding-3-small");
    String file = Origin.show(CONFIG);
    assertThat(loaded.warnings())
        .containsExactly(
            file + ": sharing is ignored (it changes nothing PromptOps measures)",
            file + ": outputPath is ignored (it changes nothing PromptOps measures)",
            file + ": evaluateOptions.delay is ignored");
  }

  @Test
  void promptsOfEveryShapeBecomeDotpromptSources() {
    List<PromptSource> prompts = config().suite().prompts();

    assertThat(prompts)
        .extracting(PromptSource::label)
        .containsExactly(
            "Translate to {{language}}: {{input}}",
            "prompts/system.txt #1",
            "prompts/system.txt #2",
            "chat",
            "reply");
    assertThat(source(prompts.get(0))).isEqualTo("Translate to {{language}}: {{input}}");
    assertThat(source(prompts.get(1)))
        .isEqualTo("You are a translator.\nTranslate to {{language}}: {{input}}");
    assertThat(source(prompts.get(2)))
        .isEqualTo("Translate into {{language}}, formally:\n{{input}}");
    assertThat(source(prompts.get(3)))
        .isEqualTo(
            "{{role \"system\"}}\nYou translate into {{language}}.\n"
                + "{{role \"user\"}}\n{{input}}\n"
                + "{{role \"model\"}}\nReady.\n"
                + "{{role \"user\"}}\nNow: {{input}}\n");
    assertThat(prompts.get(4))
        .isInstanceOfSatisfying(
            PromptSource.File.class,
            f -> assertThat(f.path()).isEqualTo(CONFIG.resolveSibling("prompts/reply.prompt")));
  }

  static String source(PromptSource p) {
    return ((PromptSource.Inline) p).source();
  }

  @Test
  void providerIdsAndConfigsMapToPromptOps() {
    List<ProviderSpec> p = config().suite().providers();

    assertThat(p)
        .extracting(x -> x.model().toString())
        .containsExactly(
            "openai/gpt-4o-mini",
            "anthropic/claude-sonnet-4-5",
            "azure-openai/my-deployment",
            "ollama/llama3.2:1b",
            "google/gemini-2.5-flash",
            "openai/gpt-4.1");
    assertThat(p)
        .extracting(ProviderSpec::label)
        .containsExactly(
            "openai:gpt-4o-mini",
            "claude",
            "azure:chat:my-deployment",
            "ollama:chat:llama3.2:1b",
            "google:gemini-2.5-flash",
            "openai/gpt-4.1");
    assertThat(p.get(0).type()).isNull();
    assertThat(Json.write(p.get(1).config()))
        .isEqualTo(
            "{\"temperature\":0,\"maxOutputTokens\":256,\"topP\":0.9,\"stopSequences\":[\"END\"]}");
    ProviderSpec azure = p.get(2);
    assertThat(azure.type()).isEqualTo(ProviderType.AZURE_OPENAI);
    assertThat(azure.baseUrl()).isEqualTo("https://myres.openai.azure.com");
    assertThat(azure.apiKey()).isEqualTo("az-secret");
    assertThat(azure.options()).containsExactly(Map.entry("apiVersion", "2024-10-21"));
    assertThat(azure.toString()).doesNotContain("az-secret");
  }

  @Test
  void testsOfEveryShapeRunInOrderWithTheDefaultTestMergedIn() {
    List<TestCase> cases = Fixtures.all(config().suite().cases());

    assertThat(config().suite().cases().size()).hasValue(13);
    assertThat(cases)
        .extracting(c -> c.vars().path("input").asText())
        .containsExactly(
            "Hello",
            "Hello",
            "Thanks",
            "Good morning",
            "Good night",
            "Good morning",
            "Good night",
            "Yes",
            "No",
            "Cat",
            "Dog",
            "Bird",
            "Good evening");
    assertThat(cases)
        .extracting(c -> c.vars().path("language").asText())
        .containsExactly(
            "French", "French", "French", "German", "German", "Spanish", "Spanish", "French",
            "Italian", "French", "French", "French", "French");
    assertThat(cases)
        .extracting(TestCase::index)
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(cases)
        .extracting(TestCase::description)
        .containsExactly(
            "greeting",
            "row one",
            "row two",
            null,
            null,
            null,
            null,
            null,
            "italian",
            null,
            null,
            "a single test",
            null);
    assertThat(json(cases.get(0)))
        .containsExactly(
            "{\"type\":\"not-icontains\",\"value\":\"as an AI\"}",
            "{\"type\":\"contains\",\"value\":\"Bonjour\",\"weight\":2.0,\"metric\":\"accuracy\"}");
    assertThat(cases.get(0).threshold()).isEqualTo(0.5);
    assertThat(json(cases.get(2)))
        .endsWith("{\"type\":\"icontains-all\",\"value\":[\"merci\",\"beaucoup\"]}");
    assertThat(json(cases.get(10))).isEmpty();
    assertThat(json(cases.get(12)))
        .endsWith("{\"type\":\"similar\",\"value\":\"Bonsoir\",\"threshold\":0.7}");
  }

  static List<String> json(TestCase c) {
    return c.assertions().stream().map(a -> Json.write(EvalJson.assertion(a))).toList();
  }

  @Test
  void unsupportedAssertionTypesAreAllListedInOneError() {
    Path bad = Fixtures.path("promptfoo/bad/unsupported-assertions.yaml");

    assertThatThrownBy(() -> PromptfooConfig.read(bad, Map.of()))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.code()).isEqualTo("unsupported_assertions");
              assertThat(e.hint()).startsWith("PromptOps checks equals, contains,");
            })
        .hasMessage(
            Origin.show(bad)
                + ": assertion types PromptOps does not support: python (defaultTest),"
                + " javascript (tests 3, 7; "
                + Origin.show(bad.resolveSibling("unsupported.csv"))
                + " lines 2), factuality (tests 7)");
  }

  @Test
  void nunjucksOnlySyntaxIsAnErrorNamingIt() {
    Path bad = Fixtures.path("promptfoo/bad/nunjucks.yaml");

    assertThatThrownBy(() -> PromptfooConfig.read(bad, Map.of()))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("unsupported_feature"))
        .hasMessage(
            Origin.show(bad)
                + ": prompts 1: line 2: '{{ product | upper }}' is a Nunjucks filter, which the"
                + " Dotprompt engine (Handlebars) cannot run");
  }

  @Test
  void withoutTestsEveryPromptRunsOnceWithTheDefaults() {
    Path c = write("providers: [openai:gpt-4o-mini]\ndefaultTest: {vars: {prompt: Hi}}\n");

    Suite s = PromptfooConfig.read(c, Map.of()).suite();

    assertThat(source(s.prompts().getFirst())).isEqualTo("{{prompt}}");
    List<TestCase> cases = Fixtures.all(s.cases());
    assertThat(cases).hasSize(1);
    assertThat(cases.getFirst().vars().get("prompt").asText()).isEqualTo("Hi");
  }

  @Test
  void rawChatListsAndFrontMatterLookalikesAreKeptAsPrompts() {
    Path c =
        write(
            "prompts:\n  - '[{\"role\": \"user\", \"content\": \"Hi {{name}}\"}]'\n"
                + "  - \"---\\ntitle\"\nproviders: [openai:gpt-4o-mini]\ntests: [{vars: {name: A}}]\n");

    List<PromptSource> p = PromptfooConfig.read(c, Map.of()).suite().prompts();

    assertThat(source(p.get(0))).isEqualTo("{{role \"user\"}}\nHi {{name}}\n");
    assertThat(source(p.get(1))).isEqualTo("---\n---\n---\ntitle");
  }

  @Test
  void listVariablesStayWholeWhenExpansionIsOff() {
    Path c =
        write(
            "prompts: ['{{a}} {{b}}']\nproviders: [openai:gpt-4o-mini]\ntests:\n"
                + "  - vars: {a: [x, y], b: [1, 2]}\n"
                + "  - vars: {a: [x, y]}\n    options: {disableVarExpansion: true}\n");

    List<TestCase> cases = Fixtures.all(PromptfooConfig.read(c, Map.of()).suite().cases());

    assertThat(cases)
        .extracting(t -> Json.write(t.vars()))
        .containsExactly(
            "{\"a\":\"x\",\"b\":[1,2]}", "{\"a\":\"y\",\"b\":[1,2]}", "{\"a\":[\"x\",\"y\"]}");
  }

  @Test
  void refsAreFollowedAndTheirTargetIsNotAnUnknownKey() {
    Path c =
        write(
            "prompts: [hi]\nproviders: [openai:gpt-4o-mini]\nassertionTemplates:\n"
                + "  polite: {type: icontains, value: please}\n"
                + "tests: [{assert: [{$ref: '#/assertionTemplates/polite', weight: 3}]}]\nfoo: 1\n");

    LoadedSuite s = PromptfooConfig.read(c, Map.of());

    assertThat(json(Fixtures.all(s.suite().cases()).getFirst()))
        .containsExactly("{\"type\":\"icontains\",\"value\":\"please\",\"weight\":3.0}");
    assertThat(s.warnings())
        .containsExactly(
            Origin.show(c) + ": unknown key 'foo' is ignored, as promptfoo ignores it");
  }

  @Test
  void templatedVariablesAreWarnedAbout() {
    Path c =
        write(
            "prompts: ['{{item}}']\nproviders: [openai:gpt-4o-mini]\ntests: [{vars: {item: 'a {{topic}}', topic: x}}]\n");

    assertThat(PromptfooConfig.read(c, Map.of()).warnings())
        .containsExactly(
            Origin.show(c)
                + ": tests 1: vars.item holds '{{'; PromptOps passes variables as text, promptfoo"
                + " renders them as templates");
  }

  @Test
  void whatPromptOpsCannotRunIsRefused() {
    String f = Origin.show(dir.resolve("promptfooconfig.yaml"));
    String head = "prompts: [hi]\n";
    String openai = "providers: [openai:gpt-4o-mini]\n";

    assertThat(error(head + "providers: ['bedrock:anthropic.claude-v2']\n"))
        .hasMessage(
            f
                + ": providers 1: provider 'bedrock:anthropic.claude-v2' is not one PromptOps can run");
    assertThat(error(head + "providers: ['vertex:gemini-2.0-flash']\n"))
        .hasMessage(
            f
                + ": providers 1: provider 'vertex:gemini-2.0-flash' (Vertex AI) needs Google Cloud"
                + " credentials PromptOps does not use")
        .extracting(e -> ((InvalidInputException) e).hint())
        .asString()
        .contains("google:gemini-2.0-flash");
    assertThat(error(head + "providers: ['ollama:llama3.2']\n"))
        .extracting(e -> ((InvalidInputException) e).hint())
        .isEqualTo("use ollama:chat:llama3.2");
    assertThat(error(head + "providers: [{id: 'openai:gpt-4o', config: {seed: 1, tools: []}}]\n"))
        .hasMessage(f + ": providers 1 (openai:gpt-4o): config seed, tools are not supported");
    assertThat(error(head + "providers: [{id: 'openai:gpt-4o', prompts: [a]}]\n"))
        .hasMessage(f + ": providers 1: prompts (a per-provider prompt filter) is not supported");
    assertThat(error(head + openai + "scenarios: []\n"))
        .hasMessage(
            f
                + ": scenarios: scenarios is not supported (it changes which tests run, or runs code)");
    assertThat(error(head + openai + "tests: file://tests.js\n"))
        .hasMessage(
            f
                + ": tests 1: tests.js is a script; PromptOps runs no JavaScript, Python or shell code");
    assertThat(error(head + openai + "tests: [{vars: {}, provider: 'openai:gpt-4o'}]\n"))
        .hasMessage(
            f + ": tests 1: provider (a provider of its own for this test) is not supported");
    assertThat(error(head + openai + "tests: [{options: {transform: output.trim()}}]\n"))
        .hasMessage(f + ": tests 1: options.transform is not supported (it would change the run)");
    assertThat(
            error(
                head + openai + "tests: [{assert: [{type: contains, value: x, transform: a}]}]\n"))
        .hasMessage(
            f
                + ": tests 1, assertion 1: transform (JavaScript run on the output before the check) is"
                + " not supported");
    assertThat(error("prompts: ['file://p.py:make']\n" + openai))
        .hasMessage(
            f
                + ": prompts 1: p.py:make is a script; PromptOps runs no JavaScript, Python or shell code");
    assertThat(error("prompts: ['exec:./gen.sh']\n" + openai))
        .hasMessage(
            f
                + ": prompts 1: prompt 'exec:./gen.sh' comes from a program or a service, not a file");
    assertThat(error(head + openai + "tests: [{vars: {img: file://cat.png}}]\n"))
        .hasMessage(
            f
                + ": tests 1: vars.img: "
                + Origin.show(dir.resolve("cat.png"))
                + " is a binary file (an image, a PDF, a spreadsheet …)");
    assertThat(error(head + openai + "tests: file://none/*.csv\n"))
        .hasMessage(f + ": tests 1: no file matches file://none/*.csv");
    assertThat(error(head)).hasMessage(f + ": providers is missing");
  }

  @Test
  void csvColumnsThatChangeThePromptAreRefused() {
    Fixtures.write(dir, "t.csv", "q,__prefix\na,Answer: \n");
    var e = error("prompts: [hi]\nproviders: [openai:gpt-4o-mini]\ntests: file://t.csv\n");

    assertThat(e)
        .hasMessage(
            Origin.show(dir.resolve("t.csv"))
                + ":1: column __prefix is not supported (it changes the prompt or skips the model)");
  }

  @Test
  void suitesPicksTheReaderByFileName() {
    assertThat(Suites.isPromptfoo(CONFIG)).isTrue();
    assertThat(Suites.isPromptfoo(Path.of("evals/support.yaml"))).isFalse();
    assertThat(Suites.read(SuiteFileTest.SUPPORT).suite().name()).isEqualTo("support");
  }

  private Path write(String yaml) {
    return Fixtures.write(dir, "promptfooconfig.yaml", yaml);
  }

  private InvalidInputException error(String yaml) {
    Path c = write(yaml);
    try {
      PromptfooConfig.read(c, Map.of());
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("no error for " + yaml);
  }
}
