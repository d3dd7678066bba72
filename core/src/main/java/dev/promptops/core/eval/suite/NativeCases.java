package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.TestCase;
import dev.promptops.core.json.Json;
import java.security.MessageDigest;
import java.util.List;

/**
 * Cases of a native suite: {@code {description, vars, assert, threshold}}, nothing else, and
 * variables are data (a value is never read as a file name or expanded).
 */
final class NativeCases implements CaseFormat {
  static final List<String> KEYS = List.of("description", "vars", "assert", "threshold");

  private final AssertionReader assertions;

  NativeCases(AssertionReader assertions) {
    this.assertions = assertions;
  }

  @Override
  public CaseDraft draft(JsonNode node, Site site, Warnings warnings) {
    String where = site.where();
    ObjectNode n = Nodes.object(node, where, "{description: …, vars: {…}, assert: [...]}");
    Nodes.onlyKeys(n, KEYS, where);
    return CaseDraft.of(
        site,
        Nodes.text(n, "description", where),
        vars(n.get("vars"), where),
        assertions.list(n.get("assert"), site, warnings),
        Nodes.number(n, "threshold", where));
  }

  static ObjectNode vars(JsonNode vars, String where) {
    return Nodes.absent(vars)
        ? Json.object()
        : Nodes.object(vars, where + ": vars", "vars: {customer: Ann}").deepCopy();
  }

  @Override
  public List<TestCase> cases(
      CaseDraft draft, Defaults defaults, int next, MessageDigest varFiles) {
    return List.of(
        new TestCase(
            next,
            draft.description(),
            CaseFormat.mergedVars(defaults, draft),
            CaseFormat.mergedAssertions(defaults, draft),
            CaseFormat.mergedThreshold(defaults, draft)));
  }
}
