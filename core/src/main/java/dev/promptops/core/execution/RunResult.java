package dev.promptops.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.provider.ResilientCalls.Attempt;
import dev.promptops.core.provider.Usage;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a run produced.
 *
 * @param environment the environment or label the version was resolved through, or null
 * @param provider the provider that answered (after retries and fallback)
 * @param json the output parsed as JSON when the prompt asks for JSON output, else null
 * @param outputErrors why the output does not fit the output schema (empty when it does)
 * @param cost USD, or null when the model has no price
 * @param attempts every provider call made, retries and fallbacks included
 */
public record RunResult(
    String prompt,
    int version,
    String digest,
    String resolvedVia,
    String environment,
    String provider,
    String model,
    String text,
    JsonNode json,
    List<String> outputErrors,
    String finishReason,
    Usage usage,
    BigDecimal cost,
    long latencyMillis,
    List<Attempt> attempts) {

  public RunResult {
    outputErrors = List.copyOf(outputErrors);
    attempts = List.copyOf(attempts);
  }

  public boolean outputValid() {
    return outputErrors.isEmpty();
  }

  /** True when another model than the one that answered was tried first (a fallback). */
  public boolean fellBack() {
    return attempts.stream()
        .anyMatch(a -> !a.provider().equals(provider) || !a.model().equals(model));
  }
}
