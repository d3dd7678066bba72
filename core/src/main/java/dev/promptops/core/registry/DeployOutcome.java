package dev.promptops.core.registry;

/**
 * What a deploy, promote, rollback or unpin did.
 *
 * @param deployment the ledger entry written, or null when the pin already pointed there
 * @param version the version now pinned, or null after an unpin
 */
public record DeployOutcome(
    String prompt, String target, Deployment deployment, PromptVersion version) {
  public boolean changed() {
    return deployment != null;
  }
}
