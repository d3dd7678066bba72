package dev.promptops.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.drift.Confirmation;
import dev.promptops.core.drift.Incident;
import dev.promptops.core.drift.IncidentKind;
import dev.promptops.core.drift.IncidentState;
import dev.promptops.core.drift.InstanceInfo;
import dev.promptops.core.drift.Schedule;
import dev.promptops.core.drift.Served;
import dev.promptops.core.json.Json;
import dev.promptops.core.store.DriftRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Drift reports, incidents, deployment confirmations and behavioural schedules. What instances
 * served is upserted: uses add up, the first and last sightings widen. Write transactions are
 * serialised, so incident numbers are the next above the highest and a schedule claim is a read
 * then a conditional update.
 */
final class DriftRows implements DriftRepository {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final String INSTANCE_COLUMNS =
      "instance, application, host, sdk, source, started_at, first_seen, last_seen, reports,"
          + " dropped";
  private static final String SERVED_COLUMNS =
      "instance, environment, prompt, digest, fallback, version, uses, first_seen, last_seen";
  private static final String INCIDENT_COLUMNS =
      "project, number, environment, prompt, kind, digest, version, expected_digest,"
          + " expected_version, instances, message, state, opened_at, updated_at, resolved_at,"
          + " acknowledged_by, acknowledged_at, note";
  private static final String CONFIRMATION_COLUMNS =
      "deployment_id, project, environment, prompt, version, digest, deployed_at, state,"
          + " converged, lagging, checked_at, confirmed_at, took_ms";
  private static final String SCHEDULE_COLUMNS =
      "project, suite, environment, every_s, margin, next_run_at, last_run, updated_at,"
          + " updated_by";

  private final Sql sql;

  DriftRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void touchInstance(String project, InstanceInfo i, Instant at) {
    sql.call(
        "record a report of instance " + i.id() + " of project " + project,
        h ->
            h.createUpdate(
                    "INSERT INTO drift_instances (project, "
                        + INSTANCE_COLUMNS
                        + ") VALUES (:project, :instance, :application, :host, :sdk, :source,"
                        + " :startedAt, :at, :at, 1, :dropped)"
                        + " ON CONFLICT (project, instance) DO UPDATE SET"
                        + " application = excluded.application, host = excluded.host,"
                        + " sdk = excluded.sdk, source = excluded.source,"
                        + " started_at = excluded.started_at, last_seen = excluded.last_seen,"
                        + " reports = drift_instances.reports + 1, dropped = excluded.dropped")
                .bind("project", project)
                .bind("instance", i.id())
                .bind("application", i.application())
                .bind("host", i.host())
                .bind("sdk", i.sdk())
                .bind("source", i.source().wireName())
                .bind("startedAt", Sql.millisOrNull(i.startedAt()))
                .bind("at", Sql.millis(at))
                .bind("dropped", i.dropped())
                .execute());
  }

  @Override
  public void addServed(String project, List<Served> served) {
    if (served.isEmpty()) {
      return;
    }
    sql.call(
        "record " + served.size() + " served prompts of project " + project,
        h -> {
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO drift_served (project, "
                      + SERVED_COLUMNS
                      + ") VALUES (:project, :instance, :environment, :prompt, :digest, :fallback,"
                      + " :version, :uses, :first, :last)"
                      + " ON CONFLICT (project, instance, environment, prompt, digest, fallback)"
                      + " DO UPDATE SET uses = drift_served.uses + excluded.uses,"
                      + " version = COALESCE(excluded.version, drift_served.version),"
                      + " first_seen = CASE WHEN excluded.first_seen < drift_served.first_seen"
                      + " THEN excluded.first_seen ELSE drift_served.first_seen END,"
                      + " last_seen = CASE WHEN excluded.last_seen > drift_served.last_seen"
                      + " THEN excluded.last_seen ELSE drift_served.last_seen END");
          for (Served s : served) {
            batch
                .bind("project", project)
                .bind("instance", s.instance())
                .bind("environment", s.environment())
                .bind("prompt", s.prompt())
                .bind("digest", s.digest())
                .bind("fallback", EvalRows.flag(s.fallback()))
                .bind("version", s.version())
                .bind("uses", s.uses())
                .bind("first", Sql.millis(s.firstSeen()))
                .bind("last", Sql.millis(s.lastSeen()))
                .add();
          }
          batch.execute();
          return null;
        });
  }

  @Override
  public List<InstanceInfo> instances(String project, Instant since) {
    return sql.call(
        "list the instances of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + INSTANCE_COLUMNS
                        + " FROM drift_instances WHERE project = :project AND last_seen >= :since"
                        + " ORDER BY last_seen DESC, instance")
                .bind("project", project)
                .bind("since", Sql.millis(since))
                .map((rs, ctx) -> instance(rs))
                .list());
  }

  @Override
  public List<Served> served(String project, Instant since) {
    return sql.call(
        "list what was served in project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + SERVED_COLUMNS
                        + " FROM drift_served WHERE project = :project AND last_seen >= :since"
                        + " ORDER BY environment, prompt, instance, last_seen DESC")
                .bind("project", project)
                .bind("since", Sql.millis(since))
                .map((rs, ctx) -> served(rs))
                .list());
  }

  @Override
  public int prune(Instant before) {
    return sql.call(
        "prune drift reports before " + before,
        h -> {
          int served =
              h.createUpdate("DELETE FROM drift_served WHERE last_seen < :before")
                  .bind("before", Sql.millis(before))
                  .execute();
          int instances =
              h.createUpdate(
                      "DELETE FROM drift_instances WHERE last_seen < :before AND NOT EXISTS"
                          + " (SELECT 1 FROM drift_served s WHERE s.project ="
                          + " drift_instances.project AND s.instance = drift_instances.instance)")
                  .bind("before", Sql.millis(before))
                  .execute();
          return served + instances;
        });
  }

  @Override
  public int nextIncidentNumber(String project) {
    return sql.call(
        "number the next incident of project " + project,
        h ->
            h.createQuery(
                    "SELECT COALESCE(MAX(number), 0) + 1 FROM drift_incidents"
                        + " WHERE project = :project")
                .bind("project", project)
                .mapTo(Integer.class)
                .one());
  }

  @Override
  public void insertIncident(Incident i) {
    sql.call(
        "open incident #" + i.number() + " of project " + i.project(),
        h ->
            bind(
                    h.createUpdate(
                        "INSERT INTO drift_incidents ("
                            + INCIDENT_COLUMNS
                            + ") VALUES (:project, :number, :environment, :prompt, :kind, :digest,"
                            + " :version, :expectedDigest, :expectedVersion, :instances,"
                            + " :message, :state, :openedAt, :updatedAt, :resolvedAt,"
                            + " :acknowledgedBy, :acknowledgedAt, :note)"),
                    i)
                .execute());
  }

  @Override
  public boolean updateIncident(Incident i) {
    return sql.call(
        "update incident #" + i.number() + " of project " + i.project(),
        h ->
            bind(
                        h.createUpdate(
                            "UPDATE drift_incidents SET instances = :instances,"
                                + " message = :message, state = :state, updated_at = :updatedAt,"
                                + " resolved_at = :resolvedAt, acknowledged_by = :acknowledgedBy,"
                                + " acknowledged_at = :acknowledgedAt, note = :note"
                                + " WHERE project = :project AND number = :number"),
                        i)
                    .execute()
                > 0);
  }

  @Override
  public Optional<Incident> incident(String project, int number) {
    return sql.call(
        "find incident #" + number + " of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + INCIDENT_COLUMNS
                        + " FROM drift_incidents WHERE project = :project AND number = :number")
                .bind("project", project)
                .bind("number", number)
                .map((rs, ctx) -> incident(rs))
                .findOne());
  }

  @Override
  public List<Incident> unresolved(String project) {
    return sql.call(
        "list the unresolved incidents of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + INCIDENT_COLUMNS
                        + " FROM drift_incidents WHERE project = :project AND state <> 'resolved'"
                        + " ORDER BY number")
                .bind("project", project)
                .map((rs, ctx) -> incident(rs))
                .list());
  }

  @Override
  public List<Incident> incidents(String project, String state, String environment, int limit) {
    return sql.call(
        "list the incidents of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + INCIDENT_COLUMNS
                        + " FROM drift_incidents WHERE project = :project"
                        + (state == null ? "" : " AND state = :state")
                        + (environment == null ? "" : " AND environment = :environment")
                        + " ORDER BY number DESC LIMIT :limit")
                .bind("project", project)
                .bind("state", state)
                .bind("environment", environment)
                .bind("limit", limit)
                .map((rs, ctx) -> incident(rs))
                .list());
  }

  @Override
  public Map<String, Integer> unresolvedByKind() {
    return sql.call(
        "count the unresolved incidents by kind",
        h -> {
          var counts = new LinkedHashMap<String, Integer>();
          h.createQuery(
                  "SELECT kind, COUNT(*) AS n FROM drift_incidents WHERE state <> 'resolved'"
                      + " GROUP BY kind ORDER BY kind")
              .map((rs, ctx) -> Map.entry(rs.getString("kind"), rs.getInt("n")))
              .forEach(e -> counts.put(e.getKey(), e.getValue()));
          return counts;
        });
  }

  @Override
  public void insertConfirmation(Confirmation c) {
    sql.call(
        "track the convergence of deployment " + c.deploymentId(),
        h ->
            bind(
                    h.createUpdate(
                        "INSERT INTO deployment_confirmations ("
                            + CONFIRMATION_COLUMNS
                            + ") VALUES (:deploymentId, :project, :environment, :prompt, :version,"
                            + " :digest, :deployedAt, :state, :converged, :lagging, :checkedAt,"
                            + " :confirmedAt, :took)"),
                    c)
                .execute());
  }

  @Override
  public void updateConfirmation(Confirmation c) {
    sql.call(
        "update the convergence of deployment " + c.deploymentId(),
        h ->
            bind(
                    h.createUpdate(
                        "UPDATE deployment_confirmations SET state = :state,"
                            + " converged = :converged, lagging = :lagging,"
                            + " checked_at = :checkedAt, confirmed_at = :confirmedAt,"
                            + " took_ms = :took WHERE deployment_id = :deploymentId"),
                    c)
                .execute());
  }

  @Override
  public Optional<Confirmation> confirmation(long deploymentId) {
    return sql.call(
        "find the convergence of deployment " + deploymentId,
        h ->
            h.createQuery(
                    "SELECT "
                        + CONFIRMATION_COLUMNS
                        + " FROM deployment_confirmations WHERE deployment_id = :id")
                .bind("id", deploymentId)
                .map((rs, ctx) -> confirmation(rs))
                .findOne());
  }

  @Override
  public List<Confirmation> pending(String project) {
    return sql.call(
        "list the pending confirmations of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + CONFIRMATION_COLUMNS
                        + " FROM deployment_confirmations WHERE project = :project"
                        + " AND state = 'pending' ORDER BY deployment_id")
                .bind("project", project)
                .map((rs, ctx) -> confirmation(rs))
                .list());
  }

  @Override
  public List<Confirmation> confirmations(
      String project, String prompt, String environment, int limit) {
    return sql.call(
        "list the deployment confirmations of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + CONFIRMATION_COLUMNS
                        + " FROM deployment_confirmations WHERE project = :project"
                        + (prompt == null ? "" : " AND prompt = :prompt")
                        + (environment == null ? "" : " AND environment = :environment")
                        + " ORDER BY deployment_id DESC LIMIT :limit")
                .bind("project", project)
                .bind("prompt", prompt)
                .bind("environment", environment)
                .bind("limit", limit)
                .map((rs, ctx) -> confirmation(rs))
                .list());
  }

  @Override
  public List<String> activeProjects(Instant since) {
    return sql.call(
        "list the projects with drift to evaluate",
        h ->
            h.createQuery(
                    "SELECT project FROM drift_instances WHERE last_seen >= :since"
                        + " UNION SELECT project FROM deployment_confirmations"
                        + " WHERE state = 'pending'"
                        + " UNION SELECT project FROM drift_incidents WHERE state <> 'resolved'"
                        + " ORDER BY 1")
                .bind("since", Sql.millis(since))
                .mapTo(String.class)
                .list());
  }

  @Override
  public void putSchedule(Schedule s) {
    sql.call(
        "store the schedule of suite " + s.suite() + " on " + s.environment(),
        h ->
            h.createUpdate(
                    "INSERT INTO drift_schedules ("
                        + SCHEDULE_COLUMNS
                        + ") VALUES (:project, :suite, :environment, :every, :margin, :next,"
                        + " :lastRun, :updatedAt, :updatedBy)"
                        + " ON CONFLICT (project, suite, environment) DO UPDATE SET"
                        + " every_s = excluded.every_s, margin = excluded.margin,"
                        + " next_run_at = CASE WHEN drift_schedules.every_s = excluded.every_s"
                        + " THEN drift_schedules.next_run_at ELSE excluded.next_run_at END,"
                        + " updated_at = excluded.updated_at, updated_by = excluded.updated_by")
                .bind("project", s.project())
                .bind("suite", s.suite())
                .bind("environment", s.environment())
                .bind("every", s.every().toSeconds())
                .bind("margin", s.margin())
                .bind("next", Sql.millis(s.nextRunAt()))
                .bind("lastRun", s.lastRun())
                .bind("updatedAt", Sql.millis(s.updatedAt()))
                .bind("updatedBy", s.updatedBy())
                .execute());
  }

  @Override
  public int retainSchedules(String project, List<Schedule> keep) {
    return sql.call(
        "remove the schedules of project " + project + " no longer configured",
        h -> {
          int removed = 0;
          for (Schedule existing : schedules(project)) {
            boolean kept =
                keep.stream()
                    .anyMatch(
                        k ->
                            k.suite().equals(existing.suite())
                                && k.environment().equals(existing.environment()));
            if (!kept) {
              removed +=
                  h.createUpdate(
                          "DELETE FROM drift_schedules WHERE project = :project"
                              + " AND suite = :suite AND environment = :environment")
                      .bind("project", project)
                      .bind("suite", existing.suite())
                      .bind("environment", existing.environment())
                      .execute();
            }
          }
          return removed;
        });
  }

  @Override
  public List<Schedule> schedules(String project) {
    return sql.call(
        "list the schedules of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + SCHEDULE_COLUMNS
                        + " FROM drift_schedules WHERE project = :project ORDER BY suite,"
                        + " environment")
                .bind("project", project)
                .map((rs, ctx) -> schedule(rs))
                .list());
  }

  @Override
  public Optional<Schedule> claimSchedule(String worker, Instant now, Duration lease) {
    return sql.call(
        "claim a due schedule",
        h -> {
          Optional<Schedule> due =
              h.createQuery(
                      "SELECT "
                          + SCHEDULE_COLUMNS
                          + " FROM drift_schedules WHERE next_run_at <= :now"
                          + " AND (lease_until IS NULL OR lease_until < :now)"
                          + " ORDER BY next_run_at LIMIT 1")
                  .bind("now", Sql.millis(now))
                  .map((rs, ctx) -> schedule(rs))
                  .findOne();
          if (due.isEmpty()) {
            return due;
          }
          Schedule s = due.get();
          int taken =
              h.createUpdate(
                      "UPDATE drift_schedules SET lease_owner = :worker, lease_until = :until"
                          + " WHERE project = :project AND suite = :suite"
                          + " AND environment = :environment"
                          + " AND (lease_until IS NULL OR lease_until < :now)")
                  .bind("worker", worker)
                  .bind("until", Sql.millis(now.plus(lease)))
                  .bind("now", Sql.millis(now))
                  .bind("project", s.project())
                  .bind("suite", s.suite())
                  .bind("environment", s.environment())
                  .execute();
          return taken == 1 ? due : Optional.<Schedule>empty();
        });
  }

  @Override
  public boolean scheduled(Schedule s, String worker, Instant nextRunAt, String runId) {
    return sql.call(
        "move the schedule of suite " + s.suite() + " on " + s.environment() + " on",
        h ->
            h.createUpdate(
                        "UPDATE drift_schedules SET next_run_at = :next,"
                            + " last_run = COALESCE(:run, last_run), lease_owner = NULL,"
                            + " lease_until = NULL WHERE project = :project AND suite = :suite"
                            + " AND environment = :environment AND lease_owner = :worker")
                    .bind("next", Sql.millis(nextRunAt))
                    .bind("run", runId)
                    .bind("project", s.project())
                    .bind("suite", s.suite())
                    .bind("environment", s.environment())
                    .bind("worker", worker)
                    .execute()
                == 1);
  }

  private static <S extends SqlStatement<S>> S bind(S statement, Incident i) {
    return statement
        .bind("project", i.project())
        .bind("number", i.number())
        .bind("environment", i.environment())
        .bind("prompt", i.prompt())
        .bind("kind", i.kind().wireName())
        .bind("digest", i.digest())
        .bind("version", i.version())
        .bind("expectedDigest", i.expectedDigest())
        .bind("expectedVersion", i.expectedVersion())
        .bind("instances", strings(i.instances()))
        .bind("message", i.message())
        .bind("state", i.state().wireName())
        .bind("openedAt", Sql.millis(i.openedAt()))
        .bind("updatedAt", Sql.millis(i.updatedAt()))
        .bind("resolvedAt", Sql.millisOrNull(i.resolvedAt()))
        .bind("acknowledgedBy", i.acknowledgedBy())
        .bind("acknowledgedAt", Sql.millisOrNull(i.acknowledgedAt()))
        .bind("note", i.note());
  }

  private static <S extends SqlStatement<S>> S bind(S statement, Confirmation c) {
    ArrayNode lagging = Json.array();
    for (Confirmation.Lagging l : c.lagging()) {
      ObjectNode o = lagging.addObject().put("instance", l.instance()).put("digest", l.digest());
      o.put("version", l.version());
      o.put("fallback", l.fallback());
    }
    return statement
        .bind("deploymentId", c.deploymentId())
        .bind("project", c.project())
        .bind("environment", c.environment())
        .bind("prompt", c.prompt())
        .bind("version", c.version())
        .bind("digest", c.digest())
        .bind("deployedAt", Sql.millis(c.deployedAt()))
        .bind("state", c.state().wireName())
        .bind("converged", strings(c.converged()))
        .bind("lagging", Json.write(lagging))
        .bind("checkedAt", Sql.millis(c.checkedAt()))
        .bind("confirmedAt", Sql.millisOrNull(c.confirmedAt()))
        .bind("took", c.took() == null ? null : c.took().toMillis());
  }

  private static String strings(List<String> values) {
    return Json.write(Json.mapper().valueToTree(values));
  }

  private static List<String> strings(ResultSet rs, String column) throws SQLException {
    return Json.mapper().convertValue(Json.parseTrusted(rs.getString(column)), STRINGS);
  }

  private static InstanceInfo instance(ResultSet rs) throws SQLException {
    return new InstanceInfo(
        rs.getString("instance"),
        rs.getString("application"),
        rs.getString("host"),
        rs.getString("sdk"),
        InstanceInfo.Source.valueOf(rs.getString("source").toUpperCase(Locale.ROOT)),
        Sql.instantOrNull(rs, "started_at"),
        Sql.instant(rs, "first_seen"),
        Sql.instant(rs, "last_seen"),
        rs.getLong("reports"),
        rs.getLong("dropped"));
  }

  private static Served served(ResultSet rs) throws SQLException {
    return new Served(
        rs.getString("instance"),
        rs.getString("environment"),
        rs.getString("prompt"),
        rs.getString("digest"),
        rs.getInt("fallback") != 0,
        Sql.intOrNull(rs, "version"),
        rs.getLong("uses"),
        Sql.instant(rs, "first_seen"),
        Sql.instant(rs, "last_seen"));
  }

  private static Incident incident(ResultSet rs) throws SQLException {
    return new Incident(
        rs.getString("project"),
        rs.getInt("number"),
        rs.getString("environment"),
        rs.getString("prompt"),
        IncidentKind.fromWire(rs.getString("kind")),
        rs.getString("digest"),
        Sql.intOrNull(rs, "version"),
        rs.getString("expected_digest"),
        Sql.intOrNull(rs, "expected_version"),
        strings(rs, "instances"),
        rs.getString("message"),
        IncidentState.fromWire(rs.getString("state")),
        Sql.instant(rs, "opened_at"),
        Sql.instant(rs, "updated_at"),
        Sql.instantOrNull(rs, "resolved_at"),
        rs.getString("acknowledged_by"),
        Sql.instantOrNull(rs, "acknowledged_at"),
        rs.getString("note"));
  }

  private static Confirmation confirmation(ResultSet rs) throws SQLException {
    var lagging = new ArrayList<Confirmation.Lagging>();
    for (var l : Json.parseTrusted(rs.getString("lagging"))) {
      lagging.add(
          new Confirmation.Lagging(
              l.path("instance").asText(),
              l.path("digest").asText(),
              l.path("version").isInt() ? l.path("version").asInt() : null,
              l.path("fallback").asBoolean()));
    }
    long took = rs.getLong("took_ms");
    Duration tookTime = rs.wasNull() ? null : Duration.ofMillis(took);
    return new Confirmation(
        rs.getLong("deployment_id"),
        rs.getString("project"),
        rs.getString("environment"),
        rs.getString("prompt"),
        rs.getInt("version"),
        rs.getString("digest"),
        Sql.instant(rs, "deployed_at"),
        Confirmation.State.fromWire(rs.getString("state")),
        strings(rs, "converged"),
        lagging,
        Sql.instant(rs, "checked_at"),
        Sql.instantOrNull(rs, "confirmed_at"),
        tookTime);
  }

  private static Schedule schedule(ResultSet rs) throws SQLException {
    return new Schedule(
        rs.getString("project"),
        rs.getString("suite"),
        rs.getString("environment"),
        Duration.ofSeconds(rs.getLong("every_s")),
        rs.getDouble("margin"),
        Sql.instant(rs, "next_run_at"),
        rs.getString("last_run"),
        Sql.instant(rs, "updated_at"),
        rs.getString("updated_by"));
  }
}
