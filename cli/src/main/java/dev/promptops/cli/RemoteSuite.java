package dev.promptops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.Gate;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.ProviderSpec;
import dev.promptops.core.eval.Suite;
import dev.promptops.core.eval.TestCase;
import dev.promptops.core.json.Json;
import java.util.Iterator;
import java.util.List;

/**
 * A suite read here, written as the self-contained JSON the server runs: registered prompts only,
 * every case inline with the defaults already merged in, models named as the project's providers.
 */
final class RemoteSuite {
  private RemoteSuite() {}

  static ObjectNode of(Suite s, List<PromptSource> prompts) {
    ObjectNode root = Json.object();
    if (s.description() != null) {
      root.put("description", s.description());
    }
    ArrayNode p = root.putArray("prompts");
    prompts.forEach(source -> p.add(registered(source, "prompt")));
    if (!s.providers().isEmpty()) {
      ArrayNode providers = root.putArray("providers");
      s.providers().forEach(spec -> providers.add(provider(spec)));
    }
    ArrayNode cases = root.putArray("cases");
    Iterator<TestCase> it = s.cases().open();
    while (it.hasNext()) {
      cases.add(testCase(it.next()));
    }
    root.put("repeat", s.repeat());
    root.set("gate", gate(s.gate()));
    ObjectNode grader = Json.object();
    if (s.graders().judge() != null) {
      grader.put("provider", s.graders().judge());
    }
    if (s.graders().prompt() != null) {
      grader.put("prompt", registered(s.graders().prompt(), "grader prompt"));
    }
    if (s.graders().embeddings() != null) {
      grader.put("embeddings", s.graders().embeddings());
    }
    if (!grader.isEmpty()) {
      root.set("grader", grader);
    }
    if (s.maxConcurrency() != null) {
      root.put("concurrency", s.maxConcurrency());
    }
    return root;
  }

  /**
   * The suite as {@code promptops sync} registers it: its {@code .prompt} files named as {@code
   * promptops push} registers them (the server puts the version under test in their place).
   */
  static ObjectNode registration(Suite s) {
    return of(
        s,
        s.prompts().stream()
            .map(
                p ->
                    p instanceof PromptSource.File f
                        ? new PromptSource.Registered(
                            dev.promptops.core.registry.Ref.parse(f.name()))
                        : p)
            .toList());
  }

  private static String registered(PromptSource source, String what) {
    if (source instanceof PromptSource.Registered r) {
      return r.ref().toString();
    }
    throw new InvalidInputException(
        "not_registered",
        "--remote runs registered prompts only, and the " + what + " " + source.label() + " is not",
        "push it first (promptops push), then name a version: --prompt " + source.label() + "@N");
  }

  private static ObjectNode provider(ProviderSpec spec) {
    if (spec.type() != null) {
      throw new InvalidInputException(
          "not_registered",
          "--remote runs on the project's providers, and the suite's provider "
              + spec.label()
              + " configures an endpoint of its own",
          "add it to the project (promptops provider add) and name it as provider/model");
    }
    ObjectNode n = Json.object().put("id", spec.model().toString());
    if (!spec.label().equals(spec.id())) {
      n.put("label", spec.label());
    }
    if (spec.config() != null && !spec.config().isEmpty()) {
      n.set("config", spec.config());
    }
    return n;
  }

  private static ObjectNode testCase(TestCase c) {
    ObjectNode n = Json.object();
    if (c.description() != null) {
      n.put("description", c.description());
    }
    n.set("vars", c.vars());
    ArrayNode a = n.putArray("assert");
    c.assertions().forEach(spec -> a.add(EvalJson.assertion(spec)));
    if (c.threshold() != null) {
      n.put("threshold", c.threshold());
    }
    return n;
  }

  private static ObjectNode gate(Gate g) {
    ObjectNode n = Json.object();
    if (g.minPassRate() != null) {
      n.put("minPassRate", g.minPassRate());
    }
    if (g.minMeanScore() != null) {
      n.put("minMeanScore", g.minMeanScore());
    }
    if (!g.minMetricPassRate().isEmpty()) {
      ObjectNode m = n.putObject("metrics");
      g.minMetricPassRate().forEach(m::put);
    }
    if (g.maxRegressions() != null) {
      n.put("maxRegressions", g.maxRegressions());
    }
    if (g.maxErrors() != null) {
      n.put("maxErrors", g.maxErrors());
    }
    return n;
  }
}
