package dev.promptops.store;

import dev.promptops.core.store.JobRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Periodic jobs in {@code jobs}. A claim is a conditional update inside a write transaction, and
 * write transactions are serialised across instances (see {@link Dialect}), so two instances never
 * both claim one run.
 */
final class JobRows implements JobRepository {
  private final Sql sql;

  JobRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public boolean claim(String job, String worker, Instant now, Duration every, Duration lease) {
    return sql.call(
        "claim a run of job " + job,
        h -> {
          h.createUpdate(
                  "INSERT INTO jobs (name, next_run_at, runs) VALUES (:name, :now, 0)"
                      + " ON CONFLICT (name) DO NOTHING")
              .bind("name", job)
              .bind("now", Sql.millis(now))
              .execute();
          return h.createUpdate(
                      "UPDATE jobs SET lease_owner = :worker, lease_until = :until,"
                          + " next_run_at = :next, runs = runs + 1, last_owner = :worker,"
                          + " last_started_at = :now"
                          + " WHERE name = :name AND next_run_at <= :now"
                          + " AND (lease_until IS NULL OR lease_until < :now)")
                  .bind("worker", worker)
                  .bind("until", Sql.millis(now.plus(lease)))
                  .bind("next", Sql.millis(now.plus(every)))
                  .bind("now", Sql.millis(now))
                  .bind("name", job)
                  .execute()
              == 1;
        });
  }

  @Override
  public boolean finish(String job, String worker, Instant now, String error) {
    return sql.call(
        "end a run of job " + job,
        h ->
            h.createUpdate(
                        "UPDATE jobs SET lease_owner = NULL, lease_until = NULL,"
                            + " last_finished_at = :now, last_error = :error"
                            + " WHERE name = :name AND lease_owner = :worker")
                    .bind("now", Sql.millis(now))
                    .bind("error", error)
                    .bind("name", job)
                    .bind("worker", worker)
                    .execute()
                == 1);
  }

  @Override
  public List<Job> list() {
    return sql.call(
        "list the jobs",
        h ->
            h.createQuery(
                    "SELECT name, next_run_at, lease_owner, lease_until, runs, last_owner,"
                        + " last_started_at, last_finished_at, last_error FROM jobs ORDER BY name")
                .map((rs, ctx) -> job(rs))
                .list());
  }

  private static Job job(ResultSet rs) throws SQLException {
    return new Job(
        rs.getString("name"),
        Sql.instant(rs, "next_run_at"),
        rs.getString("lease_owner"),
        Sql.instantOrNull(rs, "lease_until"),
        rs.getLong("runs"),
        rs.getString("last_owner"),
        Sql.instantOrNull(rs, "last_started_at"),
        Sql.instantOrNull(rs, "last_finished_at"),
        rs.getString("last_error"));
  }
}
