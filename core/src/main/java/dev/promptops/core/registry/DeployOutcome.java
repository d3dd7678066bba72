package dev.promptops.core.registry;

/**
 * What a deploy, promote, rollback or unpin did.
 *
 * @param deployment the ledger entry written, or null when the pin already pointed there
 * @param version the version now pinned, or null after an unpin
 * @param digest the digest of that version, or null after an unpin
 */
public record DeployOutcome(
    String prompt, String target, Deployment deployment, Integer version, String digest) {

  static DeployOutcome of(String prompt, String target, Deployment deployment, PromptVersion v) {
    return new DeployOutcome(
        prompt, target, deployment, v == null ? null : v.version(), v == null ? null : v.digest());
  }

  public boolean changed() {
    return deployment != null;
  }
}
