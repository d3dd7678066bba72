package dev.promptops.store;

import dev.promptops.core.registry.Deployment;
import dev.promptops.core.registry.DeploymentKind;
import dev.promptops.core.registry.TargetKind;
import dev.promptops.core.store.DeploymentRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The deployment ledger. Ids are assigned here, one above the highest so far: write transactions
 * are serialised, so two entries never get the same id. The database refuses updates and deletes.
 */
final class DeploymentRows implements DeploymentRepository {
  private static final String COLUMNS =
      "id, project, prompt, target, target_kind, from_version, to_version, kind, actor, reason,"
          + " created_at, break_glass";

  private final Sql sql;

  DeploymentRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Deployment append(Deployment d) {
    return sql.call(
        "append a "
            + d.kind().wireName()
            + " of "
            + d.prompt()
            + " in '"
            + d.target()
            + "' of project "
            + d.project()
            + " to the deployment ledger",
        h -> {
          long id =
              h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM deployments")
                  .mapTo(Long.class)
                  .one();
          var stored =
              new Deployment(
                  id,
                  d.project(),
                  d.prompt(),
                  d.target(),
                  d.targetKind(),
                  d.fromVersion(),
                  d.toVersion(),
                  d.kind(),
                  d.actor(),
                  d.reason(),
                  d.at().truncatedTo(ChronoUnit.MILLIS),
                  d.breakGlass());
          h.createUpdate(
                  "INSERT INTO deployments ("
                      + COLUMNS
                      + ") VALUES (:id, :project, :prompt, :target, :targetKind, :fromVersion,"
                      + " :toVersion, :kind, :actor, :reason, :at, :breakGlass)")
              .bind("id", stored.id())
              .bind("project", stored.project())
              .bind("prompt", stored.prompt())
              .bind("target", stored.target())
              .bind("targetKind", stored.targetKind().wireName())
              .bind("fromVersion", stored.fromVersion())
              .bind("toVersion", stored.toVersion())
              .bind("kind", stored.kind().wireName())
              .bind("actor", stored.actor())
              .bind("reason", stored.reason())
              .bind("at", Sql.millis(stored.at()))
              .bind("breakGlass", stored.breakGlass() ? 1 : 0)
              .execute();
          return stored;
        });
  }

  @Override
  public List<Deployment> history(String project, String prompt, String target, int limit) {
    String where =
        "project = :project AND prompt = :prompt" + (target == null ? "" : " AND target = :target");
    return sql.call(
        "read the deployment history of "
            + prompt
            + (target == null ? "" : " in '" + target + "'")
            + " in project "
            + project,
        h -> {
          var query =
              h.createQuery(
                      "SELECT "
                          + COLUMNS
                          + " FROM deployments WHERE "
                          + where
                          + " ORDER BY id DESC LIMIT :limit")
                  .bind("project", project)
                  .bind("prompt", prompt)
                  .bind("limit", limit);
          if (target != null) {
            query.bind("target", target);
          }
          return query.map((rs, ctx) -> row(rs)).list();
        });
  }

  private static Deployment row(ResultSet rs) throws SQLException {
    return new Deployment(
        rs.getLong("id"),
        rs.getString("project"),
        rs.getString("prompt"),
        rs.getString("target"),
        TargetKind.fromWire(rs.getString("target_kind")),
        Sql.intOrNull(rs, "from_version"),
        Sql.intOrNull(rs, "to_version"),
        DeploymentKind.fromWire(rs.getString("kind")),
        rs.getString("actor"),
        rs.getString("reason"),
        Sql.instant(rs, "created_at"),
        rs.getInt("break_glass") != 0);
  }
}
