package dev.promptops.core.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One case run once on one variant: the output, each assertion's result and the verdict. Results
 * are written to storage as they arrive and read back for reports.
 *
 * @param repeat which repetition, from 0
 * @param pass false also when the run failed ({@link #error()})
 */
public record CaseResult(
    String variant,
    int caseIndex,
    int repeat,
    String description,
    ObjectNode vars,
    Output output,
    List<AssertionResult> assertions,
    boolean pass,
    double score) {

  public CaseResult {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(output, "output");
    assertions = List.copyOf(assertions);
  }

  /** The run's failure, or null when it answered. */
  public String error() {
    return output.error();
  }

  /** The case's name for reports: its description, else {@code case N}. */
  public String name() {
    return description != null && !description.isBlank() ? description : "case " + (caseIndex + 1);
  }

  /** Identifies the case across variants and runs: index and repetition. */
  public String key() {
    return caseIndex + "#" + repeat;
  }
}
