package dev.promptops.core.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One case of a suite: variables and what must hold of the output. The suite's default assertions
 * are already included, the case's own after them.
 *
 * @param index the case's position in the suite, from 0; with the repeat number it identifies a
 *     result, so a baseline run is compared case by case
 * @param description a name for reports; null for none ({@code case 3})
 * @param threshold the minimum weighted score for the case to pass; null: every assertion must pass
 */
public record TestCase(
    int index,
    String description,
    ObjectNode vars,
    List<AssertionSpec> assertions,
    Double threshold) {

  public TestCase {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0: " + index);
    }
    Objects.requireNonNull(vars, "vars");
    assertions = List.copyOf(assertions);
  }

  /** The description, else {@code case N} (counting from 1). */
  public String name() {
    return description != null && !description.isBlank() ? description : "case " + (index + 1);
  }
}
