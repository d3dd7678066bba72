package dev.promptops.core.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a project's policy as stored.
 *
 * @param version 1, 2, 3 … per project
 * @param policy what it requires
 * @param reason why it changed, as its author said; empty when none was given
 */
public record StoredPolicy(
    String project,
    int version,
    ProjectPolicy policy,
    Instant createdAt,
    String createdBy,
    String reason) {

  public StoredPolicy {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
    reason = reason == null ? "" : reason;
  }
}
