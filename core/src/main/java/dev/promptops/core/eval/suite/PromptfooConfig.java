package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.Gate;
import dev.promptops.core.eval.GraderSpec;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.ProviderSpec;
import dev.promptops.core.eval.Suite;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a promptfoo config ({@code promptfooconfig.yaml}) as a PromptOps suite, so that an existing
 * promptfoo setup runs unchanged: its prompts, providers, tests (inline and files), {@code
 * defaultTest}, grading provider, {@code evaluateOptions.repeat} and {@code maxConcurrency}. What
 * PromptOps cannot run as promptfoo would (scripts, Nunjucks-only template syntax, unsupported
 * providers or assertion types) is refused with an error saying so; keys that change nothing
 * measured ({@code sharing}, {@code outputPath}, {@code tags} …) are ignored with a warning. {@code
 * docs/eval-suites.md} lists what maps to what.
 */
public final class PromptfooConfig {
  static final Set<String> READ =
      Set.of(
          "description",
          "prompts",
          "providers",
          "targets",
          "tests",
          "defaultTest",
          "evaluateOptions");
  static final Set<String> IGNORED =
      Set.of(
          "tags",
          "sharing",
          "outputPath",
          "env",
          "metadata",
          "writeLatestResults",
          "tracing",
          "commandLineOptions",
          "derivedMetrics",
          "redteam",
          "$schema");
  static final Set<String> REFUSED = Set.of("scenarios", "extensions", "nunjucksFilters");
  private static final Set<String> EVALUATE_READ = Set.of("maxConcurrency", "repeat");

  private final Origin origin;
  private final Map<String, String> env;
  private final Warnings warnings = new Warnings();
  private final UnsupportedAssertions unsupported;
  private final FileValues files;
  private final PromptfooCases format;
  private final ObjectNode digest;

  private PromptfooConfig(Path file, Map<String, String> env) {
    this.origin = new Origin(file);
    this.env = env;
    this.unsupported = new UnsupportedAssertions(origin, true);
    this.files = new FileValues(origin);
    this.format = new PromptfooCases(new AssertionReader(unsupported, files), files);
    this.digest = SuiteDigest.document("promptfoo", null);
  }

  /** Reads the config at {@code file}; {@code apiKeyEnvar} keys come from the environment. */
  public static LoadedSuite read(Path file) {
    return read(file, System.getenv());
  }

  static LoadedSuite read(Path file, Map<String, String> env) {
    return new PromptfooConfig(file, env).read();
  }

  private LoadedSuite read() {
    var refTargets = new HashSet<String>();
    ObjectNode root =
        PromptfooRefs.resolve(
            Documents.read(origin.file(), origin, "prompts: [...]"), origin, refTargets);
    checkKeys(root, refTargets);
    String description = Nodes.text(root, "description", origin.show());
    if (description != null) {
      digest.put("description", description);
    }
    List<PromptSource> prompts = prompts(root.get("prompts"));
    List<ProviderSpec> providers = providers(root, prompts);
    CaseDraft defaultTest =
        new PromptfooTests(origin, format, files, warnings).defaults(root.get("defaultTest"));
    Defaults defaults =
        new Defaults(defaultTest.vars(), defaultTest.assertions(), defaultTest.threshold());
    digest.set("defaults", SuiteDigest.defaults(defaults));
    SuiteCases cases = cases(root.get("tests"), defaults);
    ObjectNode evaluate = evaluateOptions(root.get("evaluateOptions"));
    String where = origin.at("evaluateOptions");
    Integer repeat = Nodes.whole(evaluate, "repeat", where, 1, 1000);
    digest.put("repeat", repeat == null ? 1 : repeat);
    digest.set("gate", dev.promptops.core.eval.EvalJson.gate(Gate.DEFAULT));
    var grader = new GraderSpec(defaultTest.judge(), null, defaultTest.embeddings());
    digest.set("grader", SuiteDigest.grader(grader, null));
    var suite =
        new Suite(
            description != null ? description : fileName(),
            description,
            origin.file(),
            prompts,
            providers,
            cases,
            repeat == null ? 1 : repeat,
            Gate.DEFAULT,
            grader,
            Nodes.whole(evaluate, "maxConcurrency", where, 1, 1024),
            SuiteDigest.of(digest, origin));
    return new LoadedSuite(suite, warnings.list());
  }

  private void checkKeys(ObjectNode root, Set<String> refTargets) {
    for (String key : (Iterable<String>) root::fieldNames) {
      if (REFUSED.contains(key)) {
        throw SuiteErrors.unsupported(
            origin.at(key),
            key + " is not supported (it changes which tests run, or runs code)",
            "remove it: write the tests out, and the templates without custom filters");
      }
      if (IGNORED.contains(key)) {
        warnings.add(origin.at(key + " is ignored (it changes nothing PromptOps measures)"));
      } else if (!READ.contains(key) && !refTargets.contains(key)) {
        warnings.add(origin.at("unknown key '" + key + "' is ignored, as promptfoo ignores it"));
      }
    }
    if (root.has("targets") && root.has("providers")) {
      throw SuiteErrors.invalid(
          origin.show(), "both providers and targets are given", "keep one of them");
    }
  }

  private List<PromptSource> prompts(JsonNode node) {
    ArrayNode d = digest.putArray("prompts");
    var prompts = new PromptfooPrompts(origin).read(node);
    prompts.forEach(p -> d.add(p.digest()));
    return prompts.stream().map(PromptfooPrompts.Prompt::source).toList();
  }

  private List<ProviderSpec> providers(ObjectNode root, List<PromptSource> prompts) {
    String key = root.has("targets") ? "targets" : "providers";
    var providers = new PromptfooProviders(origin, env, warnings).read(root.get(key), key);
    if (providers.isEmpty() && prompts.stream().anyMatch(p -> !(p instanceof PromptSource.File))) {
      throw SuiteErrors.invalid(
          origin.show(), "providers is missing", "add providers: [openai:gpt-4o-mini]");
    }
    ArrayNode d = digest.putArray("providers");
    providers.forEach(p -> d.add(SuiteDigest.provider(p)));
    return providers;
  }

  private SuiteCases cases(JsonNode tests, Defaults defaults) {
    var builder =
        new CasesBuilder(format, defaults, ExpectedShorthand.FOR_PROMPTFOO, warnings, true);
    new PromptfooTests(origin, format, files, warnings).read(tests, builder);
    unsupported.seal();
    digest.set("cases", builder.digest());
    return builder.build();
  }

  private ObjectNode evaluateOptions(JsonNode node) {
    if (Nodes.absent(node)) {
      return dev.promptops.core.json.Json.object();
    }
    ObjectNode o = Nodes.object(node, origin.at("evaluateOptions"), "evaluateOptions: {repeat: 3}");
    for (String key : (Iterable<String>) o::fieldNames) {
      if (!EVALUATE_READ.contains(key)) {
        warnings.add(origin.at("evaluateOptions." + key + " is ignored"));
      }
    }
    return o;
  }

  private String fileName() {
    String name = origin.file().getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
