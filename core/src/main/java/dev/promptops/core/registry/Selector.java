package dev.promptops.core.registry;

import dev.promptops.core.names.Names;

/** How a lookup picks a version of a prompt: by environment, label, exact version, or default. */
public sealed interface Selector {

  /** The project's default environment ({@code production}, or the last of the chain). */
  record Default() implements Selector {}

  /** An environment of the project's chain. */
  record Env(String name) implements Selector {
    public Env {
      Names.target(name);
    }
  }

  /** A free label, or {@code latest}. */
  record Label(String name) implements Selector {
    public Label {
      Names.target(name);
    }
  }

  /** An environment or a label, whichever the project has by that name. */
  record Target(String name) implements Selector {
    public Target {
      Names.target(name);
    }
  }

  /** An exact version number. */
  record Version(int number) implements Selector {
    public Version {
      if (number < 1) {
        throw new dev.promptops.core.InvalidInputException(
            "invalid_version", "not a version number: " + number, "versions start at 1");
      }
    }
  }

  /** The selector as users write it after a prompt name: "", ":staging", "@3". */
  default String suffix() {
    return switch (this) {
      case Default d -> "";
      case Env e -> ":" + e.name();
      case Label l -> ":" + l.name();
      case Target t -> ":" + t.name();
      case Version v -> "@" + v.number();
    };
  }
}
