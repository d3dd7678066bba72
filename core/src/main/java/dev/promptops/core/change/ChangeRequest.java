package dev.promptops.core.change;

import java.time.Instant;
import java.util.Objects;

/**
 * A proposal to deploy one prompt version to one environment, reviewed before it deploys.
 *
 * @param number 1, 2, 3 … per project
 * @param digest the version's digest, so the request says exactly what it deploys
 * @param autoMerge deploy as soon as the policy is satisfied (at the approval that completes it)
 * @param closedBy who merged, closed or superseded it (null while open)
 * @param outcome why it is no longer open: the deployment it made, the reason it was closed, or the
 *     request that superseded it (empty while open)
 * @param deploymentId the ledger entry of its deployment once merged, else 0
 */
public record ChangeRequest(
    String project,
    int number,
    String prompt,
    int version,
    String digest,
    String environment,
    String description,
    String author,
    boolean autoMerge,
    ChangeState state,
    Instant createdAt,
    Instant updatedAt,
    String closedBy,
    String outcome,
    long deploymentId) {

  public ChangeRequest {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(state, "state");
    description = description == null ? "" : description;
    outcome = outcome == null ? "" : outcome;
  }

  /** The same request in another state. */
  public ChangeRequest moved(ChangeState to, Instant at, String by, String why, long deployment) {
    return new ChangeRequest(
        project,
        number,
        prompt,
        version,
        digest,
        environment,
        description,
        author,
        autoMerge,
        to,
        createdAt,
        at,
        by,
        why,
        deployment);
  }

  public String ref() {
    return prompt + "@" + version;
  }
}
