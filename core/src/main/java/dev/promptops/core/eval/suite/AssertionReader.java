package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.AssertionType;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a case's {@code assert} list into {@link AssertionSpec}s, checking its structure (a known
 * type, {@code weight} a number &ge; 0, {@code threshold} a number, {@code metric} and {@code
 * provider} text) with errors naming the case and the assertion. What a value must look like for
 * its type is checked when the assertion runs. A type PromptOps lacks goes to the suite's {@link
 * UnsupportedAssertions}, so that one error lists all of them.
 */
final class AssertionReader {
  static final List<String> KEYS =
      List.of("type", "value", "threshold", "weight", "metric", "provider");
  private static final List<String> PROMPTFOO_KEYS =
      List.of(
          "type",
          "value",
          "threshold",
          "weight",
          "metric",
          "provider",
          "config",
          "transform",
          "contextTransform",
          "rubricPrompt",
          "assert");
  private static final Set<String> SCRIPTED = Set.of("transform", "contextTransform");

  private final UnsupportedAssertions unsupported;
  private final FileValues files;

  /**
   * @param files how promptfoo's {@code file://} values are read; null for the native format, whose
   *     values are data
   */
  AssertionReader(UnsupportedAssertions unsupported, FileValues files) {
    this.unsupported = unsupported;
    this.files = files;
  }

  private boolean promptfoo() {
    return files != null;
  }

  List<AssertionSpec> list(JsonNode node, Site site, Warnings warnings) {
    var out = new ArrayList<AssertionSpec>();
    List<JsonNode> items =
        Nodes.list(node, site.where() + ": assert", "[{type: contains, value: …}]");
    for (int i = 0; i < items.size(); i++) {
      AssertionSpec spec = one(items.get(i), site, i + 1, warnings);
      if (spec != null) {
        out.add(spec);
      }
    }
    return out;
  }

  private AssertionSpec one(JsonNode node, Site site, int number, Warnings warnings) {
    String where = site.where() + ", assertion " + number;
    ObjectNode n = Nodes.object(node, where, "{type: contains, value: refund}");
    Nodes.onlyKeys(n, promptfoo() ? PROMPTFOO_KEYS : KEYS, where);
    String type = Nodes.requiredText(n, "type", where, "type: contains");
    String base = baseType(type);
    if (AssertionType.byName(base).isEmpty()) {
      unsupported.add(type, site);
      return null;
    }
    checkPromptfooExtras(n, where, warnings);
    ObjectNode spec = Json.object();
    spec.put("type", type.startsWith("not-") ? "not-" + base : base);
    if (n.has("value")) {
      spec.set("value", value(n.get("value"), where));
    }
    copyNumbers(n, spec, where);
    String metric = Nodes.text(n, "metric", where);
    if (metric != null) {
      spec.put("metric", metric);
    }
    String provider = provider(n.get("provider"), where, warnings);
    if (provider != null) {
      spec.put("provider", provider);
    }
    return EvalJson.assertion(spec);
  }

  /** The type without {@code not-}; promptfoo's {@code similar:cosine} is {@code similar}. */
  private String baseType(String type) {
    String base = type.startsWith("not-") ? type.substring(4) : type;
    return promptfoo() && base.equals("similar:cosine") ? "similar" : base;
  }

  private void checkPromptfooExtras(ObjectNode n, String where, Warnings warnings) {
    for (String key : SCRIPTED) {
      if (n.has(key)) {
        throw SuiteErrors.unsupported(
            where,
            key + " (JavaScript run on the output before the check) is not supported",
            "check the raw output, e.g. with regex or json-path");
      }
    }
    if (n.has("rubricPrompt")) {
      throw SuiteErrors.unsupported(
          where,
          "rubricPrompt is not supported: PromptOps grades with one grader prompt per suite",
          "remove it; a native suite can name its own grader prompt (grader.prompt)");
    }
    if (n.has("config")) {
      warnings.add(where + ": config is ignored (only scripted checks read it)");
    }
  }

  private JsonNode value(JsonNode v, String where) {
    return promptfoo() && FileValues.isRef(v) ? files.load(v.textValue(), where, null) : v;
  }

  private static void copyNumbers(ObjectNode n, ObjectNode spec, String where) {
    Double threshold = Nodes.number(n, "threshold", where);
    if (threshold != null) {
      spec.put("threshold", threshold);
    }
    Double weight = Nodes.number(n, "weight", where);
    if (weight != null) {
      if (weight < 0) {
        throw SuiteErrors.invalid(
            where,
            "weight must be a number >= 0, not " + weight,
            "give how much the assertion counts, e.g. weight: 2 (0 keeps it out of the score)");
      }
      spec.put("weight", weight);
    }
  }

  private String provider(JsonNode p, String where, Warnings warnings) {
    if (Nodes.absent(p)) {
      return null;
    }
    if (!promptfoo()) {
      if (!p.isTextual()) {
        throw SuiteErrors.invalid(
            where, "provider must be text, not " + Nodes.kind(p), "write provider/model");
      }
      return Models.ref(p.textValue(), where + ": provider");
    }
    if (p.isObject() && p.has("config")) {
      warnings.add(
          where + ": provider.config is ignored; the grading model runs with its defaults");
    }
    JsonNode id = p.isObject() ? p.get("id") : p;
    if (id == null || !id.isTextual()) {
      throw SuiteErrors.invalid(
          where,
          "provider must be a provider id or {id: …}",
          "write e.g. provider: openai:gpt-4o-mini");
    }
    return ProviderIds.map(id.textValue(), where).model().toString();
  }
}
