package dev.promptops.store;

import dev.promptops.core.auth.Role;
import dev.promptops.core.change.ChangeRequest;
import dev.promptops.core.change.ChangeState;
import dev.promptops.core.change.Review;
import dev.promptops.core.change.Verdict;
import dev.promptops.core.store.ChangeRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Change requests and their reviews; numbers and review sequences are assigned here. */
final class ChangeRows implements ChangeRepository {
  private static final String COLUMNS =
      "project, number, prompt, version, digest, environment, description, author, auto_merge,"
          + " state, created_at, updated_at, closed_by, outcome, deployment_id";

  private final Sql sql;

  ChangeRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public int nextNumber(String project) {
    return sql.call(
        "number the next change request of project " + project,
        h ->
            h.createQuery(
                    "SELECT COALESCE(MAX(number), 0) + 1 FROM change_requests"
                        + " WHERE project = :project")
                .bind("project", project)
                .mapTo(Integer.class)
                .one());
  }

  @Override
  public void insert(ChangeRequest c) {
    sql.call(
        "store change request #" + c.number() + " of project " + c.project(),
        h ->
            h.createUpdate(
                    "INSERT INTO change_requests ("
                        + COLUMNS
                        + ") VALUES (:project, :number, :prompt, :version, :digest, :environment,"
                        + " :description, :author, :autoMerge, :state, :createdAt, :updatedAt,"
                        + " :closedBy, :outcome, :deploymentId)")
                .bind("project", c.project())
                .bind("number", c.number())
                .bind("prompt", c.prompt())
                .bind("version", c.version())
                .bind("digest", c.digest())
                .bind("environment", c.environment())
                .bind("description", c.description())
                .bind("author", c.author())
                .bind("autoMerge", c.autoMerge() ? 1 : 0)
                .bind("state", c.state().wireName())
                .bind("createdAt", Sql.millis(c.createdAt()))
                .bind("updatedAt", Sql.millis(c.updatedAt()))
                .bind("closedBy", c.closedBy())
                .bind("outcome", c.outcome())
                .bind("deploymentId", c.deploymentId())
                .execute());
  }

  @Override
  public boolean update(ChangeRequest c, ChangeState from) {
    return sql.call(
        "move change request #" + c.number() + " of project " + c.project(),
        h ->
            h.createUpdate(
                        "UPDATE change_requests SET state = :state, updated_at = :updatedAt,"
                            + " closed_by = :closedBy, outcome = :outcome,"
                            + " deployment_id = :deploymentId"
                            + " WHERE project = :project AND number = :number AND state = :from")
                    .bind("state", c.state().wireName())
                    .bind("updatedAt", Sql.millis(c.updatedAt()))
                    .bind("closedBy", c.closedBy())
                    .bind("outcome", c.outcome())
                    .bind("deploymentId", c.deploymentId())
                    .bind("project", c.project())
                    .bind("number", c.number())
                    .bind("from", from.wireName())
                    .execute()
                == 1);
  }

  @Override
  public Optional<ChangeRequest> find(String project, int number) {
    return sql.call(
        "find change request #" + number + " of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM change_requests WHERE project = :project AND number = :number")
                .bind("project", project)
                .bind("number", number)
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  @Override
  public List<ChangeRequest> list(
      String project, ChangeState state, String prompt, String environment, int before, int limit) {
    String where =
        "project = :project"
            + (state == null ? "" : " AND state = :state")
            + (prompt == null ? "" : " AND prompt = :prompt")
            + (environment == null ? "" : " AND environment = :environment")
            + (before > 0 ? " AND number < :before" : "");
    return sql.call(
        "list the change requests of project " + project,
        h -> {
          var q =
              h.createQuery(
                      "SELECT "
                          + COLUMNS
                          + " FROM change_requests WHERE "
                          + where
                          + " ORDER BY number DESC LIMIT :limit")
                  .bind("project", project)
                  .bind("limit", limit);
          if (state != null) {
            q.bind("state", state.wireName());
          }
          if (prompt != null) {
            q.bind("prompt", prompt);
          }
          if (environment != null) {
            q.bind("environment", environment);
          }
          if (before > 0) {
            q.bind("before", before);
          }
          return q.map((rs, ctx) -> row(rs)).list();
        });
  }

  @Override
  public void addReview(String project, Review r) {
    sql.call(
        "store a review of change request #" + r.change() + " of project " + project,
        h -> {
          int seq =
              h.createQuery(
                      "SELECT COALESCE(MAX(seq), 0) + 1 FROM change_reviews"
                          + " WHERE project = :project AND number = :number")
                  .bind("project", project)
                  .bind("number", r.change())
                  .mapTo(Integer.class)
                  .one();
          return h.createUpdate(
                  "INSERT INTO change_reviews (project, number, seq, reviewer, role, verdict,"
                      + " comment, at) VALUES (:project, :number, :seq, :reviewer, :role, :verdict,"
                      + " :comment, :at)")
              .bind("project", project)
              .bind("number", r.change())
              .bind("seq", seq)
              .bind("reviewer", r.reviewer())
              .bind("role", r.role().wireName())
              .bind("verdict", r.verdict().wireName())
              .bind("comment", r.comment())
              .bind("at", Sql.millis(r.at()))
              .execute();
        });
  }

  @Override
  public List<Review> reviews(String project, int number) {
    return sql.call(
        "read the reviews of change request #" + number + " of project " + project,
        h ->
            h.createQuery(
                    "SELECT number, reviewer, role, verdict, comment, at FROM change_reviews"
                        + " WHERE project = :project AND number = :number ORDER BY seq")
                .bind("project", project)
                .bind("number", number)
                .map(
                    (rs, ctx) ->
                        new Review(
                            rs.getInt("number"),
                            rs.getString("reviewer"),
                            Role.parse(rs.getString("role")),
                            Verdict.parse(rs.getString("verdict")),
                            rs.getString("comment"),
                            Sql.instant(rs, "at")))
                .list());
  }

  private static ChangeRequest row(ResultSet rs) throws SQLException {
    return new ChangeRequest(
        rs.getString("project"),
        rs.getInt("number"),
        rs.getString("prompt"),
        rs.getInt("version"),
        rs.getString("digest"),
        rs.getString("environment"),
        rs.getString("description"),
        rs.getString("author"),
        rs.getInt("auto_merge") != 0,
        ChangeState.parse(rs.getString("state")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"),
        rs.getString("closed_by"),
        rs.getString("outcome"),
        rs.getLong("deployment_id"));
  }
}
