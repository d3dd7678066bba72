package dev.promptops.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.audit.AuditCheckpoint;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditQuery;
import dev.promptops.core.json.CanonicalJson;
import dev.promptops.core.json.Json;
import dev.promptops.core.store.AuditRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log and its checkpoints. Details are stored as canonical JSON, the form their hash
 * covers. The database refuses updates and deletes.
 */
final class AuditRows implements AuditRepository {
  private static final String COLUMNS =
      "seq, created_at, actor, action, project, target, details, prev_hash, hash";

  private final Sql sql;
  private final CheckpointRows checkpoints;

  AuditRows(Sql sql) {
    this.sql = sql;
    this.checkpoints = new CheckpointRows(sql);
  }

  @Override
  public Optional<AuditEntry> last() {
    return sql.call(
        "read the last audit entry",
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq DESC LIMIT 1")
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  /**
   * @throws IllegalArgumentException when the entry's time is finer than a millisecond: the store
   *     keeps milliseconds, so the stored entry would no longer match its hash
   */
  @Override
  public void insert(AuditEntry e) {
    if (e.at().getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "audit entry "
              + e.seq()
              + " is timed "
              + e.at()
              + ", finer than the millisecond the store keeps; its hash would not verify."
              + " Truncate the time to milliseconds before computing the hash");
    }
    sql.call(
        "append audit entry " + e.seq() + " (" + e.action() + ")",
        h ->
            h.createUpdate(
                    "INSERT INTO audit_log ("
                        + COLUMNS
                        + ") VALUES (:seq, :at, :actor, :action, :project, :target, :details,"
                        + " :prevHash, :hash)")
                .bind("seq", e.seq())
                .bind("at", Sql.millis(e.at()))
                .bind("actor", e.actor())
                .bind("action", e.action())
                .bind("project", e.project())
                .bind("target", e.target())
                .bind("details", CanonicalJson.write(e.details()))
                .bind("prevHash", e.prevHash())
                .bind("hash", e.hash())
                .execute());
  }

  @Override
  public List<AuditEntry> query(AuditQuery q) {
    Map<String, Object> params = new LinkedHashMap<>();
    List<String> where = new ArrayList<>();
    where.add("seq > :afterSeq");
    params.put("afterSeq", q.afterSeq());
    equal(where, params, "project", q.project());
    equal(where, params, "actor", q.actor());
    equal(where, params, "action", q.action());
    equal(where, params, "target", q.target());
    if (q.from() != null) {
      where.add("created_at >= :from");
      params.put("from", ceilMillis(q.from()));
    }
    if (q.to() != null) {
      where.add("created_at <= :to");
      params.put("to", q.to().toEpochMilli());
    }
    params.put("limit", q.limit());
    return sql.call(
        "query the audit log",
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM audit_log WHERE "
                        + String.join(" AND ", where)
                        + " ORDER BY seq LIMIT :limit")
                .bindMap(params)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  @Override
  public void insert(AuditCheckpoint checkpoint) {
    checkpoints.insert(checkpoint);
  }

  @Override
  public Optional<AuditCheckpoint> lastCheckpoint() {
    return checkpoints.last();
  }

  @Override
  public List<AuditCheckpoint> checkpoints() {
    return checkpoints.all();
  }

  private static void equal(
      List<String> where, Map<String, Object> params, String column, String value) {
    if (value != null) {
      where.add(column + " = :" + column);
      params.put(column, value);
    }
  }

  /** The first millisecond at or after {@code instant}. */
  private static long ceilMillis(Instant instant) {
    long millis = instant.toEpochMilli();
    return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }

  private static AuditEntry row(ResultSet rs) throws SQLException {
    return new AuditEntry(
        rs.getLong("seq"),
        Sql.instant(rs, "created_at"),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("project"),
        rs.getString("target"),
        (ObjectNode) Json.parseTrusted(rs.getString("details")),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }
}
