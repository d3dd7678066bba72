package dev.promptops.core.store;

import dev.promptops.core.eval.runs.RegisteredSuite;
import java.util.List;
import java.util.Optional;

/** The eval suites a project registered, by name; the newest upload of a name replaces it. */
public interface SuiteRepository {
  Optional<RegisteredSuite> find(String project, String name);

  List<RegisteredSuite> list(String project);

  /** Inserts the suite or replaces the one of that name. */
  void put(RegisteredSuite suite);
}
