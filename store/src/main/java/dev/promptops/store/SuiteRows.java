package dev.promptops.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.runs.RegisteredSuite;
import dev.promptops.core.json.Json;
import dev.promptops.core.store.SuiteRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Registered eval suites, one row per project and name. */
final class SuiteRows implements SuiteRepository {
  private static final String COLUMNS = "project, name, body, digest, updated_at, updated_by";

  private final Sql sql;

  SuiteRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<RegisteredSuite> find(String project, String name) {
    return sql.call(
        "find suite " + name + " of project " + project,
        h ->
            h.createQuery(
                    "SELECT " + COLUMNS + " FROM suites WHERE project = :project AND name = :name")
                .bind("project", project)
                .bind("name", name)
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  @Override
  public List<RegisteredSuite> list(String project) {
    return sql.call(
        "list the suites of project " + project,
        h ->
            h.createQuery(
                    "SELECT " + COLUMNS + " FROM suites WHERE project = :project ORDER BY name")
                .bind("project", project)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  @Override
  public void put(RegisteredSuite s) {
    sql.call(
        "register suite " + s.name() + " of project " + s.project(),
        h -> {
          h.createUpdate("DELETE FROM suites WHERE project = :project AND name = :name")
              .bind("project", s.project())
              .bind("name", s.name())
              .execute();
          return h.createUpdate(
                  "INSERT INTO suites ("
                      + COLUMNS
                      + ") VALUES (:project, :name, :body, :digest, :at, :by)")
              .bind("project", s.project())
              .bind("name", s.name())
              .bind("body", Json.write(s.suite()))
              .bind("digest", s.digest())
              .bind("at", Sql.millis(s.updatedAt()))
              .bind("by", s.updatedBy())
              .execute();
        });
  }

  private static RegisteredSuite row(ResultSet rs) throws SQLException {
    return new RegisteredSuite(
        rs.getString("project"),
        rs.getString("name"),
        (ObjectNode) Json.parseTrusted(rs.getString("body")),
        rs.getString("digest"),
        Sql.instant(rs, "updated_at"),
        rs.getString("updated_by"));
  }
}
