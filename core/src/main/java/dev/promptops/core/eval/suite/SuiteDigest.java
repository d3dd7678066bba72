package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.GraderSpec;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.ProviderSpec;
import dev.promptops.core.eval.TestCase;
import dev.promptops.core.json.CanonicalJson;
import dev.promptops.core.json.Json;
import java.util.List;

/**
 * The digest of a suite as it runs: {@code sha256:} and the hex SHA-256 of the canonical JSON
 * ({@link CanonicalJson}: keys sorted, numbers in one spelling) of
 *
 * <pre>{@code
 * {"suiteForm": 1,
 *  "format": "promptops" | "promptfoo",
 *  "description": …,
 *  "prompts": [{"file": "../prompts/support/reply.prompt", "name": "support/reply"}
 *              | {"ref": "support/reply:production"} | {"label": …, "source": …}],
 *  "providers": [{"id", "label", "model", "type", "baseUrl", "options", "config"}],
 *  "defaults": {"vars", "assert", "threshold"},
 *  "cases": [<a case written in the suite: {"index", "description", "vars", "assert",
 *             "threshold"}> | {"file": "cases/support.csv", "sha256": <hex of its bytes>,
 *             "cases": <count>, "varFiles": <hex over the variable files its cases read>}],
 *  "repeat": 1,
 *  "gate": {…},
 *  "grader": {"judge", "prompt", "embeddings"}}
 * }</pre>
 *
 * Paths are as the suite writes them, so the digest does not depend on where the repository is. Not
 * covered: API keys (never), the suite's concurrency (it changes no result), and the content of
 * prompt files (a run records each prompt's own digest).
 */
final class SuiteDigest {
  static final int FORM = 1;

  private SuiteDigest() {}

  static ObjectNode document(String format, String description) {
    ObjectNode doc = Json.object();
    doc.put("suiteForm", FORM);
    doc.put("format", format);
    if (description != null) {
      doc.put("description", description);
    }
    return doc;
  }

  static String of(ObjectNode doc, Origin origin) {
    try {
      return CanonicalJson.digest(doc);
    } catch (IllegalArgumentException e) {
      throw SuiteErrors.invalid(
          origin.show(),
          "holds a value JSON cannot represent: " + e.getMessage(),
          "use finite numbers (not .inf or .nan)");
    }
  }

  static ObjectNode prompt(PromptSource p, String written) {
    ObjectNode n = Json.object();
    switch (p) {
      case PromptSource.File f -> n.put("file", written).put("name", f.name());
      case PromptSource.Registered r -> n.put("ref", r.ref().toString());
      case PromptSource.Inline i -> n.put("label", i.label()).put("source", i.source());
    }
    return n;
  }

  /** A provider without its API key. */
  static ObjectNode provider(ProviderSpec p) {
    ObjectNode n = Json.object();
    n.put("id", p.id());
    n.put("label", p.label());
    n.put("model", p.model().toString());
    if (p.type() != null) {
      n.put("type", p.type().wireName());
    }
    if (p.baseUrl() != null) {
      n.put("baseUrl", p.baseUrl());
    }
    ObjectNode options = n.putObject("options");
    p.options().forEach(options::put);
    if (p.config() != null) {
      n.set("config", p.config());
    }
    return n;
  }

  static ObjectNode defaults(Defaults d) {
    ObjectNode n = Json.object();
    n.set("vars", d.vars());
    n.set("assert", assertions(d.assertions()));
    if (d.threshold() != null) {
      n.put("threshold", d.threshold());
    }
    return n;
  }

  static ObjectNode testCase(TestCase c) {
    ObjectNode n = Json.object();
    n.put("index", c.index());
    if (c.description() != null) {
      n.put("description", c.description());
    }
    n.set("vars", c.vars());
    n.set("assert", assertions(c.assertions()));
    if (c.threshold() != null) {
      n.put("threshold", c.threshold());
    }
    return n;
  }

  static ObjectNode grader(GraderSpec g, ObjectNode prompt) {
    ObjectNode n = Json.object();
    if (g.judge() != null) {
      n.put("judge", g.judge());
    }
    if (prompt != null) {
      n.set("prompt", prompt);
    }
    if (g.embeddings() != null) {
      n.put("embeddings", g.embeddings());
    }
    return n;
  }

  private static ArrayNode assertions(List<AssertionSpec> list) {
    ArrayNode a = Json.array();
    list.forEach(s -> a.add(EvalJson.assertion(s)));
    return a;
  }
}
