package dev.promptops.core.store;

import dev.promptops.core.registry.Project;
import java.util.List;
import java.util.Optional;

public interface ProjectRepository {
  Optional<Project> find(String name);

  /** All projects, by name. */
  List<Project> list();

  void insert(Project project);

  /** Replaces the ordered environment chain of a project. */
  void setEnvironments(String project, List<String> environments);
}
