package dev.promptops.core.eval.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.Output;
import dev.promptops.core.eval.TestCase;

/**
 * Produces the output of one case on one variant: renders the prompt with the case's variables and
 * calls the model. Called from many threads at once.
 */
public interface CaseRunner {

  /**
   * The output; never throws for what can go wrong with one case (variables that do not fit, a
   * provider that keeps failing): those are an {@link Output#failed(String, long)} output.
   */
  Output run(TestCase testCase);

  /** The prompt's output schema as JSON Schema, or null (what {@code is-valid-output} checks). */
  JsonNode outputSchema();
}
