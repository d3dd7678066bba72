package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.json.Json;
import java.util.List;

/**
 * What a suite applies to every case (the native {@code defaults}, promptfoo's {@code
 * defaultTest}): its variables under the case's own, its assertions before the case's, its
 * threshold unless the case has one.
 */
record Defaults(ObjectNode vars, List<AssertionSpec> assertions, Double threshold) {
  static final Defaults NONE = new Defaults(Json.object(), List.of(), null);

  Defaults {
    vars = vars == null ? Json.object() : vars.deepCopy();
    assertions = List.copyOf(assertions);
  }
}
