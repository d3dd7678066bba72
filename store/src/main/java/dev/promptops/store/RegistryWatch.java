package dev.promptops.store;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.postgresql.PGConnection;

/**
 * Tells a listener the registry generation whenever the database may have changed it: on PostgreSQL
 * a connection of its own listens on {@value #CHANNEL} (the triggers of migration V12_1 notify it
 * on commit) and reads the generation on each notification and at least every {@code recheck}; on
 * SQLite, which cannot notify, it reads it every {@code recheck}. A lost connection is opened
 * again; until then the generation is read through the pool every {@code recheck}.
 */
final class RegistryWatch implements AutoCloseable {
  /** The notification channel of registry changes. */
  static final String CHANNEL = "promptops_registry";

  private static final Logger LOG = System.getLogger(RegistryWatch.class.getName());
  private static final String READ = "SELECT value FROM registry_generation WHERE id = 1";

  /** How to reach PostgreSQL outside the pool; null on SQLite. */
  record Postgres(String jdbcUrl, String user, String password) {}

  private final Postgres postgres;
  private final LongSupplier pooled;
  private final LongConsumer listener;
  private final long recheckMillis;
  private final String description;
  private final Thread thread;
  private volatile boolean closed;
  private volatile Connection connection;

  RegistryWatch(
      Postgres postgres,
      LongSupplier pooled,
      LongConsumer listener,
      Duration recheck,
      String description) {
    this.postgres = postgres;
    this.pooled = Objects.requireNonNull(pooled, "pooled");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.recheckMillis = Math.max(10, recheck.toMillis());
    this.description = description;
    this.thread =
        Thread.ofPlatform().daemon().name("promptops-registry-watch").unstarted(this::loop);
  }

  RegistryWatch start() {
    thread.start();
    return this;
  }

  private void loop() {
    boolean warned = false;
    while (!closed) {
      if (postgres != null) {
        try {
          listen();
        } catch (SQLException | RuntimeException e) {
          if (closed) {
            return;
          }
          if (!warned) {
            LOG.log(
                Level.WARNING,
                "lost the registry notifications of "
                    + description
                    + " ("
                    + StoreException.rootMessage(e)
                    + "); re-reading the registry generation every "
                    + recheckMillis
                    + " ms until they are back",
                e);
            warned = true;
          }
        }
      }
      if (!sleep()) {
        return;
      }
      readPooled();
    }
  }

  /** Listens until the connection fails or the watch closes. */
  private void listen() throws SQLException {
    try (Connection c =
        DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
      connection = c;
      if (closed) {
        return;
      }
      try (Statement s = c.createStatement()) {
        s.execute("LISTEN " + CHANNEL);
      }
      // what changed while no one listened
      listener.accept(read(c));
      PGConnection pg = c.unwrap(PGConnection.class);
      while (!closed) {
        pg.getNotifications((int) recheckMillis);
        if (!closed) {
          listener.accept(read(c));
        }
      }
    } finally {
      connection = null;
    }
  }

  private static long read(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(READ)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void readPooled() {
    try {
      listener.accept(pooled.getAsLong());
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.log(Level.DEBUG, "cannot read the registry generation of " + description, e);
      }
    }
  }

  private boolean sleep() {
    try {
      Thread.sleep(recheckMillis);
      return !closed;
    } catch (InterruptedException e) {
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing only to wake the listening thread
      }
    }
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
