package dev.promptops.store;

import dev.promptops.core.audit.AuditCheckpoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The signed checkpoints of the audit log. The database refuses updates and deletes. */
final class CheckpointRows {
  private static final String COLUMNS = "number, seq, hash, entries, created_at, key_id, signature";

  private final Sql sql;

  CheckpointRows(Sql sql) {
    this.sql = sql;
  }

  void insert(AuditCheckpoint c) {
    sql.call(
        "append audit checkpoint " + c.number() + " (entry " + c.seq() + ")",
        h ->
            h.createUpdate(
                    "INSERT INTO audit_checkpoints ("
                        + COLUMNS
                        + ") VALUES (:number, :seq, :hash, :entries, :at, :keyId, :signature)")
                .bind("number", c.number())
                .bind("seq", c.seq())
                .bind("hash", c.hash())
                .bind("entries", c.entries())
                .bind("at", Sql.millis(c.at()))
                .bind("keyId", c.keyId())
                .bind("signature", c.signature())
                .execute());
  }

  Optional<AuditCheckpoint> last() {
    return sql.call(
        "read the last audit checkpoint",
        h ->
            h.createQuery(
                    "SELECT " + COLUMNS + " FROM audit_checkpoints ORDER BY number DESC LIMIT 1")
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  List<AuditCheckpoint> all() {
    return sql.call(
        "read the audit checkpoints",
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM audit_checkpoints ORDER BY number")
                .map((rs, ctx) -> row(rs))
                .list());
  }

  private static AuditCheckpoint row(ResultSet rs) throws SQLException {
    return new AuditCheckpoint(
        rs.getLong("number"),
        rs.getLong("seq"),
        rs.getString("hash"),
        rs.getLong("entries"),
        Sql.instant(rs, "created_at"),
        rs.getString("key_id"),
        rs.getString("signature"));
  }
}
