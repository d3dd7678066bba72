package dev.promptops.core.prompt;

import dev.promptops.core.names.Names;
import java.util.Objects;

/**
 * A component (partial) pinned by a prompt version: its name, the version it had when the prompt
 * version was pushed, and that version's digest.
 */
public record ComponentPin(String name, int version, String digest) {
  public ComponentPin {
    Names.prompt(name);
    if (version < 1) {
      throw new IllegalArgumentException("component version must be positive: " + version);
    }
    Objects.requireNonNull(digest, "digest");
  }
}
