package dev.promptops.store;

import dev.promptops.core.json.Json;
import dev.promptops.core.policy.PolicyJson;
import dev.promptops.core.policy.StoredPolicy;
import dev.promptops.core.store.PolicyRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Versions of each project's policies; a version is written once and never changed. */
final class PolicyRows implements PolicyRepository {
  private static final String COLUMNS = "project, version, body, created_at, created_by, reason";

  private final Sql sql;

  PolicyRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<StoredPolicy> current(String project) {
    return history(project, 1).stream().findFirst();
  }

  @Override
  public List<StoredPolicy> history(String project, int limit) {
    return sql.call(
        "read the policies of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM policies WHERE project = :project ORDER BY version DESC"
                        + " LIMIT :limit")
                .bind("project", project)
                .bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  @Override
  public void insert(StoredPolicy p) {
    sql.call(
        "store version " + p.version() + " of the policies of project " + p.project(),
        h ->
            h.createUpdate(
                    "INSERT INTO policies ("
                        + COLUMNS
                        + ") VALUES (:project, :version, :body, :at, :by, :reason)")
                .bind("project", p.project())
                .bind("version", p.version())
                .bind("body", Json.write(PolicyJson.write(p.policy())))
                .bind("at", Sql.millis(p.createdAt()))
                .bind("by", p.createdBy())
                .bind("reason", p.reason())
                .execute());
  }

  private static StoredPolicy row(ResultSet rs) throws SQLException {
    return new StoredPolicy(
        rs.getString("project"),
        rs.getInt("version"),
        PolicyJson.stored(Json.parseTrusted(rs.getString("body"))),
        Sql.instant(rs, "created_at"),
        rs.getString("created_by"),
        rs.getString("reason"));
  }
}
