package dev.promptops.core.registry;

import java.util.List;

/**
 * Which prompt versions pin a component, where they run, and what adopting another version of the
 * component would change.
 *
 * @param component the component's registry name, e.g. {@code support/_footer}
 * @param latestVersion its newest version
 * @param targetVersion the version adoption is measured against (the newest unless asked)
 * @param prompts every prompt version that pins the component, by prompt and version
 * @param changes the component's template change from each pinned version to the target
 */
public record Impact(
    String component,
    int latestVersion,
    int targetVersion,
    List<Affected> prompts,
    List<Change> changes) {

  /**
   * One prompt version pinning the component.
   *
   * @param pinned the component version it pins
   * @param latest whether this is the prompt's newest version
   * @param runningIn the environments and labels that pin this prompt version
   * @param wouldChange whether adopting the target version would make a new prompt version
   */
  public record Affected(
      String prompt,
      int version,
      String digest,
      int pinned,
      boolean latest,
      List<String> runningIn,
      boolean wouldChange) {}

  /** The component's template from {@code from} to {@code to}, as a unified diff. */
  public record Change(int from, int to, String templateDiff) {}
}
