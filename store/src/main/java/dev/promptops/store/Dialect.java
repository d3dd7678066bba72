package dev.promptops.store;

import org.jdbi.v3.core.Handle;

/**
 * The two databases a {@link JdbcStore} runs on, and how each opens, commits and rolls back a
 * transaction. Both serialise write transactions: SQLite with {@code BEGIN IMMEDIATE} (and a busy
 * timeout), PostgreSQL with a transaction-scoped advisory lock taken before anything else.
 */
public enum Dialect {
  SQLITE("sqlite") {
    // Transactions are driven with plain SQL on a connection left in auto-commit mode: the
    // driver's own transaction handling begins a new transaction right after every commit, which
    // would take the write lock again for nothing.
    @Override
    void begin(Handle handle, boolean write) {
      if (write) {
        handle.execute("BEGIN IMMEDIATE");
      } else {
        handle.execute("PRAGMA query_only = 1");
        handle.execute("BEGIN DEFERRED");
      }
    }

    @Override
    void commit(Handle handle, boolean write) {
      handle.execute("COMMIT");
      if (!write) {
        handle.execute("PRAGMA query_only = 0");
      }
    }

    @Override
    void rollback(Handle handle, boolean write) {
      handle.execute("ROLLBACK");
      if (!write) {
        handle.execute("PRAGMA query_only = 0");
      }
    }
  },

  POSTGRESQL("postgresql") {
    @Override
    void begin(Handle handle, boolean write) {
      handle.begin();
      if (write) {
        handle.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
        handle.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
      } else {
        handle.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
    }

    @Override
    void commit(Handle handle, boolean write) {
      handle.commit();
    }

    @Override
    void rollback(Handle handle, boolean write) {
      handle.rollback();
    }
  };

  /**
   * The advisory lock every PostgreSQL write transaction holds: one writer at a time across every
   * server instance on the database. The value spells "promptop" in ASCII.
   */
  public static final long WRITE_LOCK = 0x70726f6d70746f70L;

  private final String migrations;

  Dialect(String migrations) {
    this.migrations = migrations;
  }

  /** The Flyway locations: the shared schema, then this dialect's own parts (e.g. triggers). */
  String[] migrationLocations() {
    return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + migrations};
  }

  /** The dialect of a JDBC URL, or null when it is neither SQLite nor PostgreSQL. */
  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    return null;
  }

  /**
   * Opens a transaction: a write transaction only returns once this writer holds the write lock; a
   * read transaction sees one consistent snapshot and refuses writes.
   */
  abstract void begin(Handle handle, boolean write);

  abstract void commit(Handle handle, boolean write);

  abstract void rollback(Handle handle, boolean write);
}
