package dev.promptops.core.registry;

import dev.promptops.core.dotprompt.Problem;
import java.util.List;

/**
 * What a push did for one prompt.
 *
 * @param created true when a new version was registered; false when the content (and component
 *     pins) were identical to an existing version, which is then the one reported
 * @param warnings lint warnings (e.g. a declared variable the template never uses)
 */
public record PushResult(
    String name, int version, String digest, boolean created, List<Problem> warnings) {

  public PushResult {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public PushResult(String name, int version, String digest, boolean created) {
    this(name, version, digest, created, List.of());
  }

  /** A one-line account for people, e.g. "support/reply: created v3 (sha256:ab12…)". */
  public String describe() {
    String shortDigest = digest.substring(0, Math.min(digest.length(), 19));
    return created
        ? name + ": created v" + version + " (" + shortDigest + ")"
        : name + ": unchanged, identical to v" + version + " (" + shortDigest + "); no new version";
  }
}
