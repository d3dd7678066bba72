package dev.promptops.core.store;

import dev.promptops.core.policy.EnvironmentPolicy;
import dev.promptops.core.policy.StoredPolicy;
import java.util.List;
import java.util.Optional;

/** A project's environment policies, one row per version; the newest is in force. */
public interface PolicyRepository {

  /** The policy in force, or empty when the project never set one. */
  Optional<StoredPolicy> current(String project);

  /** Versions of the project's policy, newest first. */
  List<StoredPolicy> history(String project, int limit);

  /** The policy in force for one environment; empty when it requires nothing. */
  default Optional<EnvironmentPolicy> of(String project, String environment) {
    return current(project).flatMap(s -> s.policy().of(environment));
  }

  /** Stores the next version; its number is one above the current one. */
  void insert(StoredPolicy policy);
}
