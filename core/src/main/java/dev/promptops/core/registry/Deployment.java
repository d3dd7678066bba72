package dev.promptops.core.registry;

import java.time.Instant;

/**
 * One entry of the append-only deployment ledger: a pin moved from one version to another.
 *
 * @param fromVersion the version pinned before, or null when the target was empty
 * @param toVersion the version pinned after, or null when a label was removed
 * @param breakGlass true when an administrator deployed past the environment's policy
 */
public record Deployment(
    long id,
    String project,
    String prompt,
    String target,
    TargetKind targetKind,
    Integer fromVersion,
    Integer toVersion,
    DeploymentKind kind,
    String actor,
    String reason,
    Instant at,
    boolean breakGlass) {

  /** An entry made within the policy. */
  public Deployment(
      long id,
      String project,
      String prompt,
      String target,
      TargetKind targetKind,
      Integer fromVersion,
      Integer toVersion,
      DeploymentKind kind,
      String actor,
      String reason,
      Instant at) {
    this(
        id,
        project,
        prompt,
        target,
        targetKind,
        fromVersion,
        toVersion,
        kind,
        actor,
        reason,
        at,
        false);
  }
}
