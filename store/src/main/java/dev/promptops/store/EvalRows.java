package dev.promptops.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.json.Json;
import dev.promptops.core.store.EvalRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Evaluation runs. A worker claims the oldest run that is queued, or running under a lease that has
 * expired (its worker died), and holds it under a lease it renews; claims happen in write
 * transactions, which are serialised, and on PostgreSQL the claimed row is also locked ({@code FOR
 * UPDATE SKIP LOCKED}). Suites, options and reports are JSON text; results are in {@link
 * EvalResultRows}, the variant index in {@link EvalVariantRows}.
 */
final class EvalRows implements EvalRepository {
  /** The most runs, or results, one page holds. */
  static final int MAX_PAGE = 1000;

  private static final String COLUMNS =
      "id, project, suite_name, suite_digest, suite, options, source, status, created_by,"
          + " created_at, started_at, finished_at, report, error, cancel_requested";

  /** Queued, or running under an expired lease (a run without a lease is nobody's to take). */
  private static final String CLAIMABLE =
      "status IN ('queued', 'running') AND (status = 'queued' OR lease_until <= :now)";

  private final Sql sql;
  private final Dialect dialect;

  EvalRows(Sql sql, Dialect dialect) {
    this.sql = sql;
    this.dialect = dialect;
  }

  /** Also writes the variant index when the run comes with its report (an uploaded run). */
  @Override
  public void create(EvalRun run) {
    sql.call(
        "create eval run " + run.id() + " of project " + run.project(),
        h -> {
          h.createUpdate(
                  "INSERT INTO eval_runs ("
                      + COLUMNS
                      + ") VALUES (:id, :project, :suiteName, :suiteDigest, :suite, :options,"
                      + " :source, :status, :createdBy, :createdAt, :startedAt, :finishedAt,"
                      + " :report, :error, :cancel)")
              .bind("id", run.id())
              .bind("project", run.project())
              .bind("suiteName", run.suiteName())
              .bind("suiteDigest", run.suiteDigest())
              .bind("suite", json(run.suite()))
              .bind("options", json(run.options()))
              .bind("source", run.source())
              .bind("status", run.status().wireName())
              .bind("createdBy", run.createdBy())
              .bind("createdAt", Sql.millisOrNull(run.createdAt()))
              .bind("startedAt", Sql.millisOrNull(run.startedAt()))
              .bind("finishedAt", Sql.millisOrNull(run.finishedAt()))
              .bind("report", report(run.report()))
              .bind("error", run.error())
              .bind("cancel", flag(run.cancelRequested()))
              .execute();
          EvalVariantRows.replace(h, run.id(), run.project(), run.report());
          return null;
        });
  }

  @Override
  public Optional<EvalRun> find(String project, String id) {
    return sql.call(
        "find eval run " + id + " of project " + project,
        h ->
            h.createQuery(
                    "SELECT " + COLUMNS + " FROM eval_runs WHERE id = :id AND project = :project")
                .bind("id", id)
                .bind("project", project)
                .map((rs, ctx) -> run(rs))
                .findOne());
  }

  /**
   * Runs newest first (ties by id, byte by byte). The prompt, version and digest filters match the
   * candidate variants of a run's report, not its baseline: the gate's verdict is about those.
   *
   * @throws InvalidInputException for a limit outside 1..{@value #MAX_PAGE}, a version without its
   *     prompt, or a {@code before} that names no run of the project
   */
  @Override
  public List<EvalRun> list(String project, EvalQuery query) {
    checkLimit(query.limit(), "runs");
    return sql.call(
        "list the eval runs of project " + project,
        h -> {
          var filter = EvalRunFilter.of(h, project, query, byBytes("id"));
          return h.createQuery(
                  "SELECT "
                      + COLUMNS
                      + " FROM eval_runs WHERE "
                      + filter.where()
                      + " ORDER BY created_at DESC, "
                      + byBytes("id")
                      + " DESC LIMIT :limit")
              .bindMap(filter.params())
              .bind("limit", query.limit())
              .map((rs, ctx) -> run(rs))
              .list();
        });
  }

  @Override
  public Optional<EvalRun> claim(String worker, Instant now, Duration lease) {
    Objects.requireNonNull(worker, "worker");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("a lease must be positive: " + lease);
    }
    return sql.call(
        "claim an eval run for worker " + worker,
        h -> {
          Optional<String> id =
              h.createQuery(
                      "SELECT id FROM eval_runs WHERE "
                          + CLAIMABLE
                          + " ORDER BY created_at, "
                          + byBytes("id")
                          + " LIMIT 1"
                          + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : ""))
                  .bind("now", Sql.millis(now))
                  .mapTo(String.class)
                  .findOne();
          return id.filter(run -> take(h, run, worker, now, now.plus(lease)))
              .map(run -> findAnywhere(h, run));
        });
  }

  @Override
  public boolean renew(String id, String worker, Instant until) {
    return sql.call(
        "renew the lease of worker " + worker + " on eval run " + id,
        h ->
            h.createUpdate(
                        "UPDATE eval_runs SET lease_until = :until"
                            + " WHERE id = :id AND worker = :worker AND status = 'running'")
                    .bind("until", Sql.millis(until))
                    .bind("id", id)
                    .bind("worker", worker)
                    .execute()
                > 0);
  }

  /**
   * @throws NotFoundException when there is no run {@code runId}
   */
  @Override
  public void appendResults(String runId, List<CaseResult> results) {
    if (results.isEmpty()) {
      return;
    }
    sql.call(
        "append " + results.size() + " results to eval run " + runId,
        h -> {
          lockRun(h, runId);
          return EvalResultRows.insert(h, runId, results);
        });
  }

  /**
   * Results of any project's run: the caller checks the run with {@link #find} first.
   *
   * @throws InvalidInputException for a limit outside 1..{@value #MAX_PAGE}
   */
  @Override
  public List<StoredResult> results(
      String runId, long afterSeq, int limit, boolean failingOnly, String search) {
    checkLimit(limit, "results");
    return sql.call(
        "read the results of eval run " + runId,
        h -> EvalResultRows.page(h, runId, afterSeq, limit, failingOnly, search));
  }

  @Override
  public long resultCount(String runId) {
    return sql.call("count the results of eval run " + runId, h -> EvalResultRows.count(h, runId));
  }

  /**
   * Replaces the variant index when called again.
   *
   * @throws IllegalArgumentException when {@code status} is not an ended one
   * @throws NotFoundException when there is no run {@code id}
   */
  @Override
  public void finish(String id, EvalStatus status, RunReport report, String error, Instant at) {
    if (!status.ended()) {
      throw new IllegalArgumentException(
          "a run ends finished, interrupted or failed, not " + status.wireName() + ": " + id);
    }
    Objects.requireNonNull(at, "at");
    sql.call(
        "finish eval run " + id + " as " + status.wireName(),
        h -> {
          String project = lockRun(h, id);
          h.createUpdate(
                  "UPDATE eval_runs SET status = :status, report = :report, error = :error,"
                      + " finished_at = :at, worker = NULL, lease_until = NULL WHERE id = :id")
              .bind("status", status.wireName())
              .bind("report", report(report))
              .bind("error", error)
              .bind("at", Sql.millis(at))
              .bind("id", id)
              .execute();
          EvalVariantRows.replace(h, id, project, report);
          return null;
        });
  }

  @Override
  public boolean requestCancel(String project, String id) {
    return sql.call(
        "ask eval run " + id + " of project " + project + " to stop",
        h ->
            h.createUpdate(
                        "UPDATE eval_runs SET cancel_requested = 1 WHERE id = :id"
                            + " AND project = :project AND status IN ('queued', 'running')")
                    .bind("id", id)
                    .bind("project", project)
                    .execute()
                > 0);
  }

  /** Marks a claimable run as running for {@code worker}; false when it is claimable no more. */
  private static boolean take(Handle h, String id, String worker, Instant now, Instant until) {
    return h.createUpdate(
                "UPDATE eval_runs SET status = 'running', worker = :worker, lease_until = :until,"
                    + " started_at = COALESCE(started_at, :now) WHERE id = :id AND "
                    + CLAIMABLE)
            .bind("worker", worker)
            .bind("until", Sql.millis(until))
            .bind("now", Sql.millis(now))
            .bind("id", id)
            .execute()
        == 1;
  }

  private static EvalRun findAnywhere(Handle h, String id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM eval_runs WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> run(rs))
        .one();
  }

  /** The project of run {@code id}, its row locked on PostgreSQL until the transaction ends. */
  private String lockRun(Handle h, String id) {
    return h.createQuery(
            "SELECT project FROM eval_runs WHERE id = :id"
                + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : ""))
        .bind("id", id)
        .mapTo(String.class)
        .findOne()
        .orElseThrow(
            () ->
                new NotFoundException(
                    "eval_run_not_found",
                    "no eval run '" + id + "'",
                    "check the run's id (ev_…) among the runs of its project"));
  }

  /** {@code column} for comparing and sorting byte by byte, whatever the database's collation. */
  private String byBytes(String column) {
    return dialect == Dialect.POSTGRESQL ? column + " COLLATE \"C\"" : column;
  }

  private static void checkLimit(int limit, String what) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new InvalidInputException(
          "invalid_limit",
          "limit must be 1.." + MAX_PAGE + ": " + limit,
          "ask for at most " + MAX_PAGE + " " + what + " a page, and page on from the last one");
    }
  }

  static int flag(boolean value) {
    return value ? 1 : 0;
  }

  private static String json(JsonNode node) {
    return node == null ? null : Json.write(node);
  }

  private static String report(RunReport report) {
    return report == null ? null : Json.write(EvalJson.report(report));
  }

  private static EvalRun run(ResultSet rs) throws SQLException {
    String report = rs.getString("report");
    return new EvalRun(
        rs.getString("id"),
        rs.getString("project"),
        rs.getString("suite_name"),
        rs.getString("suite_digest"),
        parse(rs.getString("suite")),
        parse(rs.getString("options")),
        rs.getString("source"),
        EvalStatus.of(rs.getString("status")),
        rs.getString("created_by"),
        Sql.instant(rs, "created_at"),
        Sql.instantOrNull(rs, "started_at"),
        Sql.instantOrNull(rs, "finished_at"),
        report == null ? null : EvalJson.report(Json.parseTrusted(report)),
        rs.getString("error"),
        rs.getInt("cancel_requested") != 0);
  }

  private static JsonNode parse(String json) {
    return json == null ? null : Json.parseTrusted(json);
  }
}
