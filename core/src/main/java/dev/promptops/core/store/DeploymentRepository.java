package dev.promptops.core.store;

import dev.promptops.core.registry.Deployment;
import java.util.List;

/** The append-only deployment ledger. */
public interface DeploymentRepository {
  /** Appends an entry; the id of {@code deployment} is ignored and the stored entry returned. */
  Deployment append(Deployment deployment);

  /**
   * The ledger of one prompt, newest first; {@code target} null means every environment and label.
   */
  List<Deployment> history(String project, String prompt, String target, int limit);
}
