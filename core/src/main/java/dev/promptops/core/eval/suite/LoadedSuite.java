package dev.promptops.core.eval.suite;

import dev.promptops.core.eval.Suite;
import java.util.List;
import java.util.Objects;

/**
 * A suite read from a file, and what reading it noticed without refusing it: a promptfoo key that
 * changes nothing PromptOps runs, a CSV column it ignores. Show the warnings to the user; the suite
 * runs as they describe.
 */
public record LoadedSuite(Suite suite, List<String> warnings) {
  public LoadedSuite {
    Objects.requireNonNull(suite, "suite");
    warnings = List.copyOf(warnings);
  }
}
