package dev.promptops.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * The handle of one transaction, for the repositories: runs a statement and turns a failure into a
 * {@link StoreException} that names the operation. Also the column conversions every repository
 * shares (instants are epoch milliseconds).
 */
final class Sql {
  private final Handle handle;

  Sql(Handle handle) {
    this.handle = handle;
  }

  /** Runs {@code statement}; {@code operation} says what it does, e.g. "find project shop". */
  <T> T call(String operation, Function<Handle, T> statement) {
    try {
      return statement.apply(handle);
    } catch (JdbiException e) {
      throw StoreException.failed(operation, e);
    }
  }

  static long millis(Instant instant) {
    return instant.toEpochMilli();
  }

  static Long millisOrNull(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }

  static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  static Integer intOrNull(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }
}
