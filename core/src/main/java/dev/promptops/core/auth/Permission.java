package dev.promptops.core.auth;

/** What an action needs. Deploying is a permission of its own, separate from editing. */
public enum Permission {
  /** Read prompts, versions, pins, history, diffs and the project's audit entries. */
  READ,
  /** Push new prompt versions. */
  EDIT,
  /** Move environments and labels: deploy, promote, rollback, unpin. */
  DEPLOY,
  /** Start evaluation runs on the server (they call models at the project's expense). */
  EVAL,
  /**
   * Approve or request changes on change requests of others. Where an environment's policy asks for
   * approvals, it also names the roles whose approvals count.
   */
  APPROVE,
  /** Change the project's settings, e.g. its environments. */
  ADMIN
}
