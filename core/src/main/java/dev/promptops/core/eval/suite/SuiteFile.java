package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.GraderSpec;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.ProviderSpec;
import dev.promptops.core.eval.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads PromptOps' own suite format, {@code evals/*.yaml} (described field by field in {@code
 * docs/eval-suites.md}): {@code description}, {@code prompts}, {@code providers}, {@code defaults},
 * {@code cases} (inline, and case files), {@code repeat}, {@code concurrency}, {@code gate}, {@code
 * grader}. Every key is checked; an unknown one is an error, so a typo never changes a run
 * silently. Case files are read once here (every case checked, counted and digested) and again, as
 * streams, whenever a run opens the suite's cases.
 */
public final class SuiteFile {
  static final List<String> KEYS =
      List.of(
          "description",
          "prompts",
          "providers",
          "defaults",
          "cases",
          "repeat",
          "concurrency",
          "gate",
          "grader");
  private static final String EXAMPLE = "prompts: [../prompts/support/reply.prompt]";

  private final Origin origin;
  private final Map<String, String> env;
  private final Warnings warnings = new Warnings();
  private final UnsupportedAssertions unsupported;
  private final NativeCases format;
  private final ObjectNode digest;

  private SuiteFile(Path file, Map<String, String> env) {
    this.origin = new Origin(file);
    this.env = env;
    this.unsupported = new UnsupportedAssertions(origin, false);
    this.format = new NativeCases(new AssertionReader(unsupported, null));
    this.digest = SuiteDigest.document("promptops", null);
  }

  /** Reads the suite at {@code file}; API keys come from the environment ({@code apiKeyEnv}). */
  public static LoadedSuite read(Path file) {
    return read(file, System.getenv());
  }

  /** Reads the suite at {@code file}; API keys come from {@code env} ({@code apiKeyEnv}). */
  public static LoadedSuite read(Path file, Map<String, String> env) {
    return new SuiteFile(file, env).read();
  }

  /**
   * A suite submitted to the server as JSON: the same format, but self-contained. It may name no
   * file (prompts are registry references, cases are inline, the grader prompt is registered) and
   * configure no endpoint of its own (models run on the project's providers), so a submitted suite
   * can make the server read no file and send no key anywhere the project did not choose.
   *
   * @param name how reports name the suite
   * @throws dev.promptops.core.InvalidInputException naming what is not self-contained
   */
  public static LoadedSuite fromJson(String name, ObjectNode root) {
    SubmittedSuites.check(root);
    Path nowhere = Path.of("/nonexistent/promptops/submitted", name + ".yaml");
    return new SuiteFile(nowhere, Map.of()).read(root);
  }

  private LoadedSuite read() {
    return read(Documents.read(origin.file(), origin, EXAMPLE));
  }

  private LoadedSuite read(ObjectNode root) {
    Nodes.onlyKeys(root, KEYS, origin.show());
    String description = Nodes.text(root, "description", origin.show());
    if (description != null) {
      digest.put("description", description);
    }
    List<PromptSource> prompts = prompts(root.get("prompts"));
    List<ProviderSpec> providers = NativeProviders.read(root.get("providers"), origin, env);
    providers.forEach(p -> digest.withArray("providers").add(SuiteDigest.provider(p)));
    Defaults defaults = defaults(root.get("defaults"));
    SuiteCases cases = cases(root.get("cases"), defaults);
    int repeat = orDefault(Nodes.whole(root, "repeat", origin.show(), 1, 1000), 1);
    digest.put("repeat", repeat);
    var gate = NativeParts.gate(root.get("gate"), origin.at("gate"));
    digest.set("gate", dev.promptops.core.eval.EvalJson.gate(gate));
    GraderSpec grader = grader(root.get("grader"));
    Integer concurrency = Nodes.whole(root, "concurrency", origin.show(), 1, 1024);
    var suite =
        new Suite(
            name(),
            description,
            origin.file(),
            prompts,
            providers,
            cases,
            repeat,
            gate,
            grader,
            concurrency,
            SuiteDigest.of(digest, origin));
    return new LoadedSuite(suite, warnings.list());
  }

  private List<PromptSource> prompts(JsonNode node) {
    List<JsonNode> items = Nodes.items(node);
    if (items.isEmpty()) {
      throw SuiteErrors.invalid(origin.show(), "prompts is missing", "add " + EXAMPLE);
    }
    var out = new ArrayList<PromptSource>();
    ArrayNode d = digest.putArray("prompts");
    for (int i = 0; i < items.size(); i++) {
      PromptSource p = NativeParts.prompt(items.get(i), origin.at("prompts " + (i + 1)), origin);
      d.add(SuiteDigest.prompt(p, items.get(i).textValue().strip().replace('\\', '/')));
      out.add(p);
    }
    return out;
  }

  private Defaults defaults(JsonNode node) {
    if (Nodes.absent(node)) {
      digest.set("defaults", SuiteDigest.defaults(Defaults.NONE));
      return Defaults.NONE;
    }
    String where = origin.at("defaults");
    Nodes.onlyKeys(
        Nodes.object(node, where, "defaults: {vars: {…}}"),
        List.of("vars", "assert", "threshold"),
        where);
    CaseDraft d = format.draft(node, new Site(where, "defaults", null), warnings);
    var defaults = new Defaults(d.vars(), d.assertions(), d.threshold());
    digest.set("defaults", SuiteDigest.defaults(defaults));
    return defaults;
  }

  private SuiteCases cases(JsonNode node, Defaults defaults) {
    List<JsonNode> items = Nodes.list(node, origin.at("cases"), "[{vars: {…}}, {file: cases.csv}]");
    if (items.isEmpty()) {
      throw SuiteErrors.invalid(
          origin.show(), "cases is missing", "add cases: [{vars: {…}}] or [{file: cases/x.csv}]");
    }
    var builder = new CasesBuilder(format, defaults, ExpectedShorthand.FOR_NATIVE, warnings, false);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String number = Integer.toString(i + 1);
      if (item.isObject() && item.has("file")) {
        caseFile(builder, item, origin.at("case " + number));
      } else {
        builder.add(format.draft(item, site(item, number), warnings));
      }
    }
    unsupported.seal();
    digest.set("cases", builder.digest());
    return builder.build();
  }

  private void caseFile(CasesBuilder builder, JsonNode item, String where) {
    Nodes.onlyKeys(item, List.of("file"), where);
    String written = Nodes.requiredText(item, "file", where, "file: cases/support.csv");
    String rel = written.strip().replace('\\', '/');
    builder.add(CaseFile.of(origin.resolve(rel), rel, where), where);
  }

  private Site site(JsonNode item, String number) {
    JsonNode d = item.get("description");
    String named = d != null && d.isTextual() ? " (\"" + d.textValue() + "\")" : "";
    return new Site(origin.at("case " + number + named), "cases", number);
  }

  private GraderSpec grader(JsonNode node) {
    if (Nodes.absent(node)) {
      digest.set("grader", SuiteDigest.grader(GraderSpec.NONE, null));
      return GraderSpec.NONE;
    }
    String where = origin.at("grader");
    ObjectNode g = Nodes.object(node, where, "grader: {provider: openai/gpt-4o-mini}");
    Nodes.onlyKeys(g, NativeParts.GRADER_KEYS, where);
    String judge = Nodes.text(g, "provider", where);
    String embeddings = Nodes.text(g, "embeddings", where);
    PromptSource prompt =
        g.has("prompt") ? NativeParts.prompt(g.get("prompt"), where + ": prompt", origin) : null;
    var spec =
        new GraderSpec(
            judge == null ? null : Models.ref(judge, where + ": provider"),
            prompt,
            embeddings == null ? null : Models.ref(embeddings, where + ": embeddings"));
    ObjectNode p =
        prompt == null ? null : SuiteDigest.prompt(prompt, g.get("prompt").textValue().strip());
    digest.set("grader", SuiteDigest.grader(spec, p));
    return spec;
  }

  private String name() {
    String file = origin.file().getFileName().toString();
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  private static int orDefault(Integer v, int d) {
    return v == null ? d : v;
  }
}
