package dev.promptops.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * What must hold before a version is deployed to one environment.
 *
 * @param environment the environment it governs
 * @param after an earlier environment the version must have been deployed to first, or null
 * @param evals names of eval suites that must have passed their gate on the server for this very
 *     version (its digest), in a run the server executed itself
 * @param freeze times when nothing is deployed to the environment
 */
public record EnvironmentPolicy(
    String environment, String after, List<String> evals, List<FreezeWindow> freeze) {

  public EnvironmentPolicy {
    Objects.requireNonNull(environment, "environment");
    evals = List.copyOf(evals);
    freeze = List.copyOf(freeze);
  }

  /** True when it requires nothing. */
  public boolean isEmpty() {
    return after == null && evals.isEmpty() && freeze.isEmpty();
  }
}
