package dev.promptops.core.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A project: the unit of isolation. Its environments are ordered from the first stage to the last
 * (by default {@code dev → staging → production}).
 */
public record Project(
    String name,
    String description,
    List<String> environments,
    Instant createdAt,
    String createdBy) {

  public static final List<String> DEFAULT_ENVIRONMENTS = List.of("dev", "staging", "production");

  public Project {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    environments = List.copyOf(environments);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }

  public boolean hasEnvironment(String env) {
    return environments.contains(env);
  }

  /**
   * The environment a lookup without a selector resolves against: {@code production} when the
   * project has it, else the last environment of the chain.
   */
  public String defaultEnvironment() {
    if (environments.contains("production")) {
      return "production";
    }
    return environments.getLast();
  }
}
