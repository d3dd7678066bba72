package dev.promptops.core.registry;

/** What a pin points from: an environment of the project's chain, or a free label. */
public enum TargetKind {
  ENVIRONMENT,
  LABEL;

  public String wireName() {
    return this == ENVIRONMENT ? "env" : "label";
  }

  public static TargetKind fromWire(String s) {
    return switch (s) {
      case "env" -> ENVIRONMENT;
      case "label" -> LABEL;
      default -> throw new IllegalArgumentException("unknown target kind: " + s);
    };
  }
}
