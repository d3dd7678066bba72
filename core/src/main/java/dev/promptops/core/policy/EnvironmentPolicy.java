package dev.promptops.core.policy;

import dev.promptops.core.auth.Role;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What must hold before a version is deployed to one environment.
 *
 * @param environment the environment it governs
 * @param after an earlier environment the version must have been deployed to first, or null
 * @param evals names of eval suites that must have passed their gate on the server for this very
 *     version (its digest), in a run the server executed itself
 * @param freeze times when nothing is deployed to the environment
 * @param approvals how many people other than its author must approve a change request before it
 *     deploys here; 0 for none (then a deployment needs no change request)
 * @param approvers the roles whose approvals count
 * @param smoke a registered suite the server runs on each version deployed here, right after the
 *     deployment, or null
 * @param smokeRollback when the smoke suite fails, put back the version that ran before
 */
public record EnvironmentPolicy(
    String environment,
    String after,
    List<String> evals,
    List<FreezeWindow> freeze,
    int approvals,
    Set<Role> approvers,
    String smoke,
    boolean smokeRollback) {

  /** The roles whose approvals count when a policy names none. */
  public static final Set<Role> DEFAULT_APPROVERS = Set.of(Role.APPROVER, Role.ADMIN);

  public EnvironmentPolicy {
    Objects.requireNonNull(environment, "environment");
    evals = List.copyOf(evals);
    freeze = List.copyOf(freeze);
    approvers =
        approvers == null || approvers.isEmpty() ? DEFAULT_APPROVERS : Set.copyOf(approvers);
  }

  /** A policy without approvals. */
  public EnvironmentPolicy(
      String environment, String after, List<String> evals, List<FreezeWindow> freeze) {
    this(environment, after, evals, freeze, 0, DEFAULT_APPROVERS, null, false);
  }

  /** True when it requires nothing. */
  public boolean isEmpty() {
    return after == null && evals.isEmpty() && freeze.isEmpty() && approvals == 0 && smoke == null;
  }
}
