package dev.promptops.core.eval;

import java.util.Objects;

/**
 * One column of a run: a prompt on a model. The engine runs every case on every variant.
 *
 * @param id unique within the run: {@code support/reply@3 on openai/gpt-4o-mini}
 * @param provider the suite's model for it; null when the prompt runs on its own model
 * @param baseline true for the version deployed in the baseline environment, run on the same cases
 *     so regressions can be counted; its results are kept apart from the gate
 */
public record Variant(String id, PromptSource prompt, ProviderSpec provider, boolean baseline) {
  public Variant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prompt, "prompt");
  }
}
