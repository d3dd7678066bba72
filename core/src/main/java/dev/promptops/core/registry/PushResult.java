package dev.promptops.core.registry;

/**
 * What a push did for one prompt.
 *
 * @param created true when a new version was registered; false when the content was identical to an
 *     existing version, which is then the one reported
 */
public record PushResult(String name, int version, String digest, boolean created) {

  /** A one-line account for people, e.g. "support/reply: created v3 (sha256:ab12…)". */
  public String describe() {
    String shortDigest = digest.substring(0, Math.min(digest.length(), 19));
    return created
        ? name + ": created v" + version + " (" + shortDigest + ")"
        : name + ": unchanged, identical to v" + version + " (" + shortDigest + "); no new version";
  }
}
