package dev.promptops.core.eval.engine;

import dev.promptops.core.eval.Variant;
import java.util.Objects;

/**
 * A variant ready to run: what produces its outputs and what the report says about it.
 *
 * @param prompt the prompt's name
 * @param version the registered version, or null for a file or inline prompt
 * @param digest the digest of what runs
 * @param provider the model it runs on, {@code openai/gpt-4o-mini}
 * @param baselineFor the id of the candidate variant this baseline is compared with, or null
 */
public record PreparedVariant(
    Variant variant,
    CaseRunner runner,
    String prompt,
    Integer version,
    String digest,
    String provider,
    String baselineFor) {

  public PreparedVariant {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(runner, "runner");
  }

  public String id() {
    return variant.id();
  }

  public boolean baseline() {
    return variant.baseline();
  }
}
