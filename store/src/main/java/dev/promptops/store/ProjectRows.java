package dev.promptops.store;

import dev.promptops.core.registry.Project;
import dev.promptops.core.store.ProjectRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Projects and their ordered environment chains. */
final class ProjectRows implements ProjectRepository {
  private static final String COLUMNS = "name, description, created_at, created_by";

  private final Sql sql;

  ProjectRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<Project> find(String name) {
    return sql.call(
        "find project " + name,
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM projects WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> row(rs))
                .findOne()
                .map(row -> row.project(environments(h, name))));
  }

  @Override
  public List<Project> list() {
    return sql.call(
        "list projects",
        h -> {
          Map<String, List<String>> chains = new HashMap<>();
          h.createQuery("SELECT project, name FROM environments ORDER BY project, position")
              .map((rs, ctx) -> Map.entry(rs.getString("project"), rs.getString("name")))
              .forEach(
                  e ->
                      chains.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
          return h
              .createQuery("SELECT " + COLUMNS + " FROM projects")
              .map((rs, ctx) -> row(rs))
              .list()
              .stream()
              .map(row -> row.project(chains.getOrDefault(row.name(), List.of())))
              .sorted(Comparator.comparing(Project::name))
              .toList();
        });
  }

  @Override
  public void insert(Project project) {
    sql.call(
        "insert project " + project.name(),
        h -> {
          h.createUpdate(
                  "INSERT INTO projects ("
                      + COLUMNS
                      + ")"
                      + " VALUES (:name, :description, :createdAt, :createdBy)")
              .bind("name", project.name())
              .bind("description", project.description())
              .bind("createdAt", Sql.millis(project.createdAt()))
              .bind("createdBy", project.createdBy())
              .execute();
          insertEnvironments(h, project.name(), project.environments());
          return null;
        });
  }

  @Override
  public void setEnvironments(String project, List<String> environments) {
    sql.call(
        "set the environments of project " + project,
        h -> {
          h.createUpdate("DELETE FROM environments WHERE project = :project")
              .bind("project", project)
              .execute();
          insertEnvironments(h, project, environments);
          return null;
        });
  }

  private static List<String> environments(Handle h, String project) {
    return h.createQuery("SELECT name FROM environments WHERE project = :project ORDER BY position")
        .bind("project", project)
        .mapTo(String.class)
        .list();
  }

  private static void insertEnvironments(Handle h, String project, List<String> environments) {
    for (int i = 0; i < environments.size(); i++) {
      h.createUpdate(
              "INSERT INTO environments (project, name, position)"
                  + " VALUES (:project, :name, :position)")
          .bind("project", project)
          .bind("name", environments.get(i))
          .bind("position", i)
          .execute();
    }
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString("name"),
        rs.getString("description"),
        Sql.instant(rs, "created_at"),
        rs.getString("created_by"));
  }

  private record Row(String name, String description, Instant createdAt, String createdBy) {
    Project project(List<String> environments) {
      return new Project(name, description, environments, createdAt, createdBy);
    }
  }
}
