package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.TestCase;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** How one dialect (native suites, promptfoo configs) reads a case and turns it into test cases. */
interface CaseFormat {

  /** Checks one case as written: a mapping from a suite, a line of JSONL, a row of CSV. */
  CaseDraft draft(JsonNode node, Site site, Warnings warnings);

  /**
   * The test cases a draft stands for, numbered from {@code next}, with the defaults merged in
   * (promptfoo: variable files read and list variables expanded into one case per combination).
   *
   * @param varFiles receives the path and SHA-256 of every variable file read; null when not needed
   */
  List<TestCase> cases(CaseDraft draft, Defaults defaults, int next, MessageDigest varFiles);

  /** Default variables under the case's own (the case's win, in the defaults' key order). */
  static ObjectNode mergedVars(Defaults defaults, CaseDraft draft) {
    ObjectNode vars = defaults.vars().deepCopy();
    vars.setAll(draft.vars());
    return vars;
  }

  /** Default assertions first, then the case's. */
  static List<AssertionSpec> mergedAssertions(Defaults defaults, CaseDraft draft) {
    var out = new ArrayList<AssertionSpec>();
    if (draft.defaultAssertions()) {
      out.addAll(defaults.assertions());
    }
    out.addAll(draft.assertions());
    return out;
  }

  static Double mergedThreshold(Defaults defaults, CaseDraft draft) {
    return draft.threshold() != null ? draft.threshold() : defaults.threshold();
  }
}
