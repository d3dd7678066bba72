package dev.promptops.core.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The policies of a project's environments; an environment without one requires nothing. */
public record ProjectPolicy(Map<String, EnvironmentPolicy> environments) {
  public static final ProjectPolicy NONE = new ProjectPolicy(Map.of());

  public ProjectPolicy {
    environments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environments));
  }

  public Optional<EnvironmentPolicy> of(String environment) {
    return Optional.ofNullable(environments.get(environment)).filter(p -> !p.isEmpty());
  }
}
