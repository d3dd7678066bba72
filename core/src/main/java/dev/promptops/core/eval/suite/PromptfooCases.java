package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.AssertionType;
import dev.promptops.core.eval.TestCase;
import dev.promptops.core.json.Json;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tests of a promptfoo config ({@code tests}, its test files, {@code defaultTest}): {@code
 * description}, {@code vars} (or a {@code file://} YAML file of them), {@code assert}, {@code
 * threshold}, {@code metadata} (ignored: promptfoo only filters by it) and the {@code options}
 * PromptOps can honour. Whatever would change the run without PromptOps doing it (a per-test
 * provider, a prompt prefix, a JavaScript transform …) is refused.
 */
final class PromptfooCases implements CaseFormat {
  static final List<String> KEYS =
      List.of("description", "vars", "assert", "threshold", "options", "metadata");
  private static final Map<String, String> REFUSED =
      Map.of(
          "provider", "a provider of its own for this test",
          "providers", "a filter of the providers it runs on",
          "prompts", "a filter of the prompts it runs on",
          "providerOutput", "a fixed output instead of calling the model",
          "assertScoringFunction", "a scoring function in JavaScript or Python");
  private static final List<String> OPTIONS =
      List.of(
          "disableDefaultAsserts",
          "disableVarExpansion",
          "provider",
          "runSerially",
          "disableConversationVar");

  private final AssertionReader assertions;
  private final FileValues files;

  PromptfooCases(AssertionReader assertions, FileValues files) {
    this.assertions = assertions;
    this.files = files;
  }

  @Override
  public CaseDraft draft(JsonNode node, Site site, Warnings warnings) {
    String where = site.where();
    ObjectNode n = Nodes.object(node, where, "{vars: {…}, assert: [...]}");
    refuse(n, where);
    Nodes.onlyKeys(n, KEYS, where);
    ObjectNode options = options(n.get("options"), where);
    Grading grading = Grading.read(options.get("provider"), where + ": options.provider", warnings);
    ObjectNode vars = vars(n.get("vars"), where);
    warnTemplates(vars, where, warnings);
    return new CaseDraft(
        site,
        Nodes.text(n, "description", where),
        vars,
        assertions.list(n.get("assert"), site, warnings),
        Nodes.number(n, "threshold", where),
        !Nodes.flag(options, "disableDefaultAsserts", where + ": options"),
        !Nodes.flag(options, "disableVarExpansion", where + ": options"),
        grading.judge(),
        grading.embeddings());
  }

  private static void refuse(ObjectNode n, String where) {
    REFUSED.forEach(
        (key, what) -> {
          if (n.has(key)) {
            throw SuiteErrors.unsupported(
                where,
                key + " (" + what + ") is not supported",
                "remove it; split the config if tests need different providers or prompts");
          }
        });
  }

  private static ObjectNode options(JsonNode options, String where) {
    if (Nodes.absent(options)) {
      return Json.object();
    }
    ObjectNode o =
        Nodes.object(options, where + ": options", "options: {disableVarExpansion: true}");
    for (String key : (Iterable<String>) o::fieldNames) {
      if (!OPTIONS.contains(key)) {
        throw SuiteErrors.unsupported(
            where,
            "options." + key + " is not supported (it would change the run)",
            "PromptOps honours options." + String.join(", options.", OPTIONS));
      }
    }
    return o;
  }

  /** Variables inline, or YAML files of them ({@code vars: file://vars/*.yaml}). */
  private ObjectNode vars(JsonNode vars, String where) {
    if (Nodes.absent(vars) || vars.isObject()) {
      return NativeCases.vars(vars, where);
    }
    ObjectNode merged = Json.object();
    for (JsonNode ref : Nodes.items(vars)) {
      if (!ref.isTextual()) {
        throw SuiteErrors.invalid(
            where, "vars must be a mapping or YAML file names", "write vars: {name: value}");
      }
      for (var path : files.files(ref.textValue(), where + ": vars")) {
        JsonNode loaded = files.load(path, where + ": vars", null);
        merged.setAll(Nodes.object(loaded, Origin.show(path), "name: value lines"));
      }
    }
    return merged;
  }

  private static void warnTemplates(ObjectNode vars, String where, Warnings warnings) {
    for (var e : vars.properties()) {
      if (e.getValue().isTextual() && e.getValue().textValue().contains("{{")) {
        warnings.add(
            where
                + ": vars."
                + e.getKey()
                + " holds '{{'; PromptOps passes variables as text, promptfoo renders them as"
                + " templates");
      }
    }
  }

  @Override
  public List<TestCase> cases(
      CaseDraft draft, Defaults defaults, int next, MessageDigest varFiles) {
    List<AssertionSpec> asserts = graded(CaseFormat.mergedAssertions(defaults, draft), draft);
    Double threshold = CaseFormat.mergedThreshold(defaults, draft);
    List<ObjectNode> combinations =
        VarExpansion.expand(
            CaseFormat.mergedVars(defaults, draft),
            draft.expandVars(),
            files,
            draft.site().where(),
            varFiles);
    var out = new ArrayList<TestCase>(combinations.size());
    for (ObjectNode vars : combinations) {
      out.add(new TestCase(next + out.size(), draft.description(), vars, asserts, threshold));
    }
    return out;
  }

  /** The test's own grading provider for its model-graded assertions that name none. */
  private static List<AssertionSpec> graded(List<AssertionSpec> asserts, CaseDraft draft) {
    if (draft.judge() == null && draft.embeddings() == null) {
      return asserts;
    }
    var out = new ArrayList<AssertionSpec>(asserts.size());
    for (AssertionSpec a : asserts) {
      String provider =
          a.provider() != null
              ? a.provider()
              : a.type() == AssertionType.LLM_RUBRIC
                  ? draft.judge()
                  : a.type() == AssertionType.SIMILAR ? draft.embeddings() : null;
      out.add(
          new AssertionSpec(
              a.type(), a.negated(), a.value(), a.threshold(), a.weight(), a.metric(), provider));
    }
    return out;
  }
}
