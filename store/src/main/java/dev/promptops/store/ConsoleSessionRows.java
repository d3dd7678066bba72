package dev.promptops.store;

import dev.promptops.core.store.ConsoleSessionRepository;
import java.time.Instant;
import java.util.Optional;

/** Web console sessions in {@code console_sessions}, by the hash of their token. */
final class ConsoleSessionRows implements ConsoleSessionRepository {
  private final Sql sql;

  ConsoleSessionRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void insert(StoredSession s) {
    sql.call(
        "open a console session",
        h ->
            h.createUpdate(
                    "INSERT INTO console_sessions (token_hash, key_hash, csrf, started_at,"
                        + " last_seen_at) VALUES (:token, :key, :csrf, :started, :seen)")
                .bind("token", s.tokenHash())
                .bind("key", s.keyHash())
                .bind("csrf", s.csrf())
                .bind("started", Sql.millis(s.startedAt()))
                .bind("seen", Sql.millis(s.lastSeenAt()))
                .execute());
  }

  @Override
  public Optional<StoredSession> find(String tokenHash) {
    return sql.call(
        "find a console session",
        h ->
            h.createQuery(
                    "SELECT token_hash, key_hash, csrf, started_at, last_seen_at"
                        + " FROM console_sessions WHERE token_hash = :token")
                .bind("token", tokenHash)
                .map(
                    (rs, ctx) ->
                        new StoredSession(
                            rs.getString("token_hash"),
                            rs.getString("key_hash"),
                            rs.getString("csrf"),
                            Sql.instant(rs, "started_at"),
                            Sql.instant(rs, "last_seen_at")))
                .findOne());
  }

  @Override
  public void touch(String tokenHash, Instant at) {
    sql.call(
        "record a use of a console session",
        h ->
            h.createUpdate(
                    "UPDATE console_sessions SET last_seen_at = :at WHERE token_hash = :token")
                .bind("at", Sql.millis(at))
                .bind("token", tokenHash)
                .execute());
  }

  @Override
  public void delete(String tokenHash) {
    sql.call(
        "end a console session",
        h ->
            h.createUpdate("DELETE FROM console_sessions WHERE token_hash = :token")
                .bind("token", tokenHash)
                .execute());
  }

  @Override
  public int prune(Instant idleBefore, Instant startedBefore) {
    return sql.call(
        "end expired console sessions",
        h ->
            h.createUpdate(
                    "DELETE FROM console_sessions WHERE last_seen_at < :idle"
                        + " OR started_at < :started")
                .bind("idle", Sql.millis(idleBefore))
                .bind("started", Sql.millis(startedBefore))
                .execute());
  }

  @Override
  public int count() {
    return sql.call(
        "count console sessions",
        h -> h.createQuery("SELECT COUNT(*) FROM console_sessions").mapTo(Integer.class).one());
  }

  @Override
  public boolean deleteOldest() {
    return sql.call(
        "end the oldest console session",
        h ->
            h.createUpdate(
                        "DELETE FROM console_sessions WHERE token_hash = (SELECT token_hash FROM"
                            + " console_sessions ORDER BY last_seen_at LIMIT 1)")
                    .execute()
                == 1);
  }
}
