package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.AssertionSpec;
import java.util.List;

/**
 * A case as written, checked, before the suite's defaults are merged in.
 *
 * @param defaultAssertions false for promptfoo's {@code options.disableDefaultAsserts}
 * @param expandVars false for promptfoo's {@code options.disableVarExpansion}
 * @param judge promptfoo's per-test {@code options.provider}: the judge of its model-graded
 *     assertions that name none; null for the suite's
 * @param embeddings the same for {@code similar}
 */
record CaseDraft(
    Site site,
    String description,
    ObjectNode vars,
    List<AssertionSpec> assertions,
    Double threshold,
    boolean defaultAssertions,
    boolean expandVars,
    String judge,
    String embeddings) {

  CaseDraft {
    assertions = List.copyOf(assertions);
  }

  static CaseDraft of(
      Site site,
      String description,
      ObjectNode vars,
      List<AssertionSpec> assertions,
      Double threshold) {
    return new CaseDraft(site, description, vars, assertions, threshold, true, false, null, null);
  }
}
