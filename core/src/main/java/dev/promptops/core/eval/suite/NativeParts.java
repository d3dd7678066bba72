package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.eval.Gate;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.registry.Ref;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/** The smaller parts of a native suite: its prompts, gate and grader. */
final class NativeParts {
  static final List<String> GATE_KEYS =
      List.of("minPassRate", "minMeanScore", "metrics", "maxRegressions", "maxErrors");
  static final List<String> GRADER_KEYS = List.of("provider", "prompt", "embeddings");

  private NativeParts() {}

  /**
   * A prompt: a {@code .prompt} file (relative to the suite) or a registry reference ({@code name},
   * {@code name:ENV}, {@code name@VERSION}).
   */
  static PromptSource prompt(JsonNode n, String where, Origin origin) {
    if (n == null || !n.isTextual() || n.textValue().isBlank()) {
      throw SuiteErrors.invalid(
          where,
          "must be a .prompt file or a prompt reference, not " + Nodes.kind(n),
          "write e.g. ../prompts/support/reply.prompt or support/reply:production");
    }
    String text = n.textValue().strip();
    if (text.endsWith(".prompt")) {
      Path path = origin.resolve(text);
      if (!Files.isRegularFile(path)) {
        throw SuiteErrors.invalid(
            where,
            "prompt file not found: " + Origin.show(path),
            "check the path; it is relative to the suite file");
      }
      return new PromptSource.File(path, PromptNames.of(path, where));
    }
    try {
      return new PromptSource.Registered(Ref.parse(text));
    } catch (PromptOpsException e) {
      throw SuiteErrors.invalid(
          where, e.getMessage(), e.hint() + ", or a .prompt file relative to the suite");
    }
  }

  static Gate gate(JsonNode node, String where) {
    if (Nodes.absent(node)) {
      return Gate.DEFAULT;
    }
    ObjectNode g = Nodes.object(node, where, "gate: {minPassRate: 0.95}");
    Nodes.onlyKeys(g, GATE_KEYS, where);
    var metrics = new LinkedHashMap<String, Double>();
    JsonNode m = g.get("metrics");
    if (!Nodes.absent(m)) {
      ObjectNode o = Nodes.object(m, where + ": metrics", "metrics: {llm-rubric: 0.9}");
      o.properties()
          .forEach(e -> metrics.put(e.getKey(), Nodes.rate(o, e.getKey(), where + ": metrics")));
    }
    Integer maxErrors = Nodes.whole(g, "maxErrors", where, 0, Integer.MAX_VALUE);
    return new Gate(
        Nodes.rate(g, "minPassRate", where),
        Nodes.rate(g, "minMeanScore", where),
        metrics,
        Nodes.whole(g, "maxRegressions", where, 0, Integer.MAX_VALUE),
        maxErrors == null ? 0 : maxErrors);
  }
}
