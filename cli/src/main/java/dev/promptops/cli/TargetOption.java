package dev.promptops.cli;

import dev.promptops.core.registry.Selector;
import picocli.CommandLine.Option;

/** {@code --env ENV} or {@code --label LABEL}: where a prompt is pinned. Used as an ArgGroup. */
final class TargetOption {
  @Option(names = "--env", paramLabel = "ENV", required = true, description = "an environment")
  private String env;

  @Option(names = "--label", paramLabel = "LABEL", required = true, description = "a free label")
  private String label;

  Selector selector() {
    return env != null ? new Selector.Env(env) : new Selector.Label(label);
  }

  /** The environment or label name. */
  String name() {
    return env != null ? env : label;
  }
}
