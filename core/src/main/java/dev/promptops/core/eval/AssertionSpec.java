package dev.promptops.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One assertion as a suite writes it: {@code {type: not-contains, value: "sorry", weight: 2}}.
 *
 * @param type what is checked
 * @param negated true for {@code not-TYPE}: passes when the check fails (score {@code 1 - score})
 * @param value the expected value, a string, number, list or object depending on the type; null
 *     when the type takes none (e.g. {@code is-json})
 * @param threshold the type's pass mark (a minimum score, or a maximum for {@code levenshtein},
 *     {@code latency}, {@code cost}, {@code tokens}); null for the type's default
 * @param weight how much the assertion counts in the case's weighted mean score (default 1; 0 keeps
 *     it out of the score, though it must still pass when the case has no threshold)
 * @param metric a name grouping assertions for per-metric gates and reports; null for the type's
 *     name
 * @param provider the embeddings provider ({@code similar}) or judge model ({@code llm-rubric}),
 *     e.g. {@code openai/text-embedding-3-small}; null for the suite's default
 */
public record AssertionSpec(
    AssertionType type,
    boolean negated,
    JsonNode value,
    Double threshold,
    double weight,
    String metric,
    String provider) {

  public AssertionSpec {
    Objects.requireNonNull(type, "type");
    if (weight < 0 || Double.isNaN(weight) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be a finite number >= 0: " + weight);
    }
  }

  /** A plain assertion of {@code type} with {@code value}, weight 1, no threshold. */
  public static AssertionSpec of(AssertionType type, JsonNode value) {
    return new AssertionSpec(type, false, value, null, 1, null, null);
  }

  /** The name as written: {@code not-contains}. */
  public String displayType() {
    return (negated ? "not-" : "") + type.wireName();
  }

  /** The metric the assertion counts towards: its {@code metric}, else its written type. */
  public String metricName() {
    return metric != null ? metric : displayType();
  }
}
