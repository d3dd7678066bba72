package dev.promptops.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.promptops.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens a {@link JdbcStore}: the embedded SQLite file under a data directory, or any SQLite or
 * PostgreSQL database named by a JDBC URL. Opening migrates the schema to the current version.
 */
public final class Stores {
  /** The file {@link #sqlite(Path)} keeps in the data directory. */
  public static final String SQLITE_FILE = "promptops.db";

  /** How long a SQLite writer waits for another process's write transaction to end. */
  public static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

  private static final int SQLITE_POOL_SIZE = 8;
  private static final int POSTGRES_POOL_SIZE = 10;

  private Stores() {}

  /** The embedded default: {@code promptops.db} in {@code dataDir}, created when absent. */
  public static JdbcStore sqlite(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the data directory " + dir + ": " + StoreException.rootMessage(e),
          "check the path and its permissions, or choose another one with --data DIR",
          e);
    }
    return openSqlite(dir.resolve(SQLITE_FILE));
  }

  /**
   * A database named by a JDBC URL: {@code jdbc:sqlite:/path/to/file.db} or {@code
   * jdbc:postgresql://host:5432/db}. {@code user} and {@code password} may be null (SQLite ignores
   * them).
   */
  public static JdbcStore open(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Dialect dialect = Dialect.of(jdbcUrl);
    if (dialect == null) {
      throw new InvalidInputException(
          "unsupported_database",
          "not a supported database URL: '" + withoutQuery(jdbcUrl) + "'",
          "use jdbc:postgresql://HOST:5432/DATABASE, or jdbc:sqlite:/path/to/promptops.db");
    }
    return switch (dialect) {
      case SQLITE -> openSqlite(sqlitePath(jdbcUrl));
      case POSTGRESQL -> openPostgres(jdbcUrl, user, password);
    };
  }

  private static JdbcStore openSqlite(Path file) {
    var config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
    config.enforceForeignKeys(true);
    // JdbcStore drives transactions with BEGIN IMMEDIATE itself; this covers JDBC-level
    // transactions, e.g. Flyway's.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    var dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    var pool = new HikariConfig();
    pool.setPoolName("promptops-sqlite");
    pool.setDataSource(dataSource);
    pool.setMaximumPoolSize(SQLITE_POOL_SIZE);
    pool.setMinimumIdle(1);
    return start(Dialect.SQLITE, pool, "sqlite:" + file);
  }

  private static JdbcStore openPostgres(String jdbcUrl, String user, String password) {
    var pool = new HikariConfig();
    pool.setPoolName("promptops-postgresql");
    pool.setJdbcUrl(jdbcUrl);
    pool.setUsername(user);
    pool.setPassword(password);
    pool.setMaximumPoolSize(POSTGRES_POOL_SIZE);
    pool.setMinimumIdle(1);
    return start(Dialect.POSTGRESQL, pool, withoutQuery(jdbcUrl.substring("jdbc:".length())));
  }

  private static JdbcStore start(Dialect dialect, HikariConfig pool, String description) {
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(pool);
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot open the database " + description + ": " + StoreException.rootMessage(e),
          dialect == Dialect.SQLITE
              ? "check that the directory exists and is writable"
              : "check that PostgreSQL runs there and that the user and password are right",
          e);
    }
    try {
      Flyway.configure(Stores.class.getClassLoader())
          .dataSource(dataSource)
          .locations(dialect.migrationLocations())
          .placeholderReplacement(false)
          .load()
          .migrate();
    } catch (FlywayException e) {
      dataSource.close();
      throw StoreException.failed("migrate the schema of " + description, e);
    }
    return new JdbcStore(dialect, dataSource, description);
  }

  private static Path sqlitePath(String jdbcUrl) {
    String path = jdbcUrl.substring("jdbc:sqlite:".length());
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
    }
    if (path.isEmpty() || path.contains(":memory:") || path.contains("?")) {
      throw new InvalidInputException(
          "unsupported_database",
          "not a SQLite database file: '" + jdbcUrl + "'",
          "name a file without options, e.g. jdbc:sqlite:/var/lib/promptops/promptops.db;"
              + " in-memory databases are not supported");
    }
    Path file = Path.of(path).toAbsolutePath().normalize();
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the directory of " + file + ": " + StoreException.rootMessage(e),
          "check the path and its permissions",
          e);
    }
    return file;
  }

  /** The URL without its query, which may hold a password. */
  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
