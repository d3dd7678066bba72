package dev.promptops.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.provider.Usage;
import java.math.BigDecimal;
import java.util.List;

/**
 * What one run of a case produced, as assertions see it.
 *
 * @param text the model's answer; empty when the run failed
 * @param json the answer parsed as JSON when the prompt asks for JSON output, else null
 * @param outputErrors why the answer does not fit the prompt's output schema (empty when it does,
 *     or when the prompt has none); what {@code is-valid-output} checks
 * @param latencyMillis wall time of the run, retries included; for an answer served from the
 *     response cache, the latency of the run that produced it
 * @param cost USD, or null when the model has no price
 * @param cached whether the answer came from the response cache
 * @param error why the run failed (every attempt failed, a refusal); null when it answered. A case
 *     whose run failed is an error, not a failed assertion
 */
public record Output(
    String text,
    JsonNode json,
    List<String> outputErrors,
    long latencyMillis,
    BigDecimal cost,
    Usage usage,
    boolean cached,
    String error) {

  public Output {
    text = text == null ? "" : text;
    outputErrors = outputErrors == null ? List.of() : List.copyOf(outputErrors);
    usage = usage == null ? Usage.NONE : usage;
  }

  /** A plain text answer with no run facts (tests, and outputs given by hand). */
  public static Output text(String text) {
    return new Output(text, null, List.of(), 0, null, Usage.NONE, false, null);
  }

  /** A run that produced no answer. */
  public static Output failed(String error, long latencyMillis) {
    return new Output("", null, List.of(), latencyMillis, null, Usage.NONE, false, error);
  }

  public boolean failed() {
    return error != null;
  }
}
