package dev.promptops.core.store;

import dev.promptops.core.provider.ProviderRecord;
import java.util.List;
import java.util.Optional;

/** The providers of each project: settings and sealed secrets, never plaintext secrets. */
public interface ProviderRepository {
  Optional<ProviderRecord> find(String project, String name);

  /** The providers of a project, by name. */
  List<ProviderRecord> list(String project);

  /** The providers of every project, by project and name. */
  List<ProviderRecord> listAll();

  /** Inserts the provider, or replaces the one of that project and name. */
  void put(ProviderRecord provider);

  /** Removes a provider; false when there was none. */
  boolean delete(String project, String name);
}
