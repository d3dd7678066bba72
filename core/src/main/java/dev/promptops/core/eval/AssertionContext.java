package dev.promptops.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What an assertion may look at besides its own spec.
 *
 * @param vars the case's variables; string values of an assertion may refer to them as {@code
 *     {{name}}} (substituted as text, never rendered further)
 * @param outputSchema the prompt's output schema as JSON Schema, or null when it has none (what
 *     {@code is-valid-output} checks against)
 * @param graders embeddings and judge, for {@code similar} and {@code llm-rubric}
 */
public record AssertionContext(
    Output output, ObjectNode vars, JsonNode outputSchema, Graders graders) {
  public AssertionContext {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(vars, "vars");
    graders = graders == null ? Graders.none() : graders;
  }
}
