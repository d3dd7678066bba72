package dev.promptops.core.provider;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One execution, as recorded for costs and drift: what ran (prompt, version, digest, environment),
 * where (provider, model), what it used and cost, how long it took and how it ended ({@code ok},
 * {@code invalid_output}, {@code rate_limited}, {@code server_error}, …).
 *
 * @param environment the environment or label resolved through, or null for an exact version
 * @param cost USD, or null when the model has no price
 * @param attempts how many provider calls it took, retries and fallbacks included
 */
public record UsageEvent(
    Instant at,
    String project,
    String prompt,
    int version,
    String digest,
    String environment,
    String source,
    String provider,
    String model,
    long inputTokens,
    long outputTokens,
    BigDecimal cost,
    long latencyMillis,
    String outcome,
    int attempts) {

  /** Whether the model answered ({@code ok}, or {@code invalid_output}: it answered off-schema). */
  public boolean answered() {
    return outcome.equals("ok") || outcome.equals("invalid_output");
  }
}
