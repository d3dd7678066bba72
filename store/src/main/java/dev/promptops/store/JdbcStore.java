package dev.promptops.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * A {@link Store} on JDBC: SQLite or PostgreSQL behind a HikariCP pool, one schema for both. Open
 * one with {@link Stores}.
 *
 * <p>Write transactions are serialised: inside this process by a fair lock, across processes and
 * server instances by the database ({@code BEGIN IMMEDIATE} with a busy timeout on SQLite, a
 * transaction-scoped advisory lock on PostgreSQL). Read transactions never wait for writers: they
 * see one consistent snapshot and refuse to write.
 */
public final class JdbcStore implements Store {
  private static final Logger LOG = System.getLogger(JdbcStore.class.getName());

  private final Dialect dialect;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final String description;
  private final ReentrantLock writer = new ReentrantLock(true);
  private final ThreadLocal<Boolean> writing = ThreadLocal.withInitial(() -> false);
  private final List<LongConsumer> registryListeners = new CopyOnWriteArrayList<>();
  private final List<RegistryWatch> watches = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  JdbcStore(Dialect dialect, HikariDataSource dataSource, String description) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.jdbi = Jdbi.create(dataSource);
    this.description = Objects.requireNonNull(description, "description");
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when called inside another write on the same thread: the inner
   *     transaction would wait for the outer one forever
   */
  @Override
  public <T> T write(Function<Tx, T> work) {
    Objects.requireNonNull(work, "work");
    if (writing.get()) {
      throw new IllegalStateException(
          "Store.write was called inside another write transaction on the same thread;"
              + " do all the work in the outer transaction");
    }
    writing.set(true);
    writer.lock();
    try {
      return run(true, work);
    } finally {
      writer.unlock();
      writing.remove();
    }
  }

  @Override
  public <T> T read(Function<Tx, T> work) {
    Objects.requireNonNull(work, "work");
    return run(false, work);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public AutoCloseable watchRegistry(LongConsumer listener, Duration recheck) {
    Objects.requireNonNull(listener, "listener");
    RegistryWatch.Postgres postgres =
        dialect == Dialect.POSTGRESQL
            ? new RegistryWatch.Postgres(
                dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword())
            : null;
    var watch =
        new RegistryWatch(
            postgres, () -> read(Tx::registryGeneration), listener, recheck, description);
    registryListeners.add(listener);
    watches.add(watch);
    watch.start();
    return () -> {
      registryListeners.remove(listener);
      watches.remove(watch);
      watch.close();
    };
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Closes the connection pool. Transactions still running finish first. */
  @Override
  public void close() {
    closed = true;
    watches.forEach(RegistryWatch::close);
    dataSource.close();
  }

  @Override
  public String toString() {
    return "JdbcStore[" + description + "]";
  }

  /** Direct access for this module's tests, e.g. to act as an attacker with database access. */
  Jdbi jdbi() {
    return jdbi;
  }

  private <T> T run(boolean write, Function<Tx, T> work) {
    Handle handle = open();
    try {
      begin(handle, write);
      T result;
      long generation = -1;
      try {
        var tx = new JdbcTx(handle, dialect);
        result = work.apply(tx);
        if (write && !registryListeners.isEmpty()) {
          generation = tx.registryGeneration();
        }
      } catch (RuntimeException | Error e) {
        abandon(handle, write, e);
        throw e;
      }
      commit(handle, write);
      if (generation >= 0) {
        // this instance reads its own writes at once, whatever the notifications do
        for (LongConsumer listener : registryListeners) {
          listener.accept(generation);
        }
      }
      return result;
    } finally {
      close(handle);
    }
  }

  private Handle open() {
    if (closed) {
      throw new IllegalStateException("the store " + description + " is closed");
    }
    try {
      return jdbi.open();
    } catch (JdbiException e) {
      throw StoreException.failed("get a connection to " + description, e);
    }
  }

  private void begin(Handle handle, boolean write) {
    try {
      dialect.begin(handle, write);
    } catch (JdbiException e) {
      discard(handle);
      throw StoreException.failed("begin a " + kind(write) + " transaction on " + description, e);
    }
  }

  private void commit(Handle handle, boolean write) {
    try {
      dialect.commit(handle, write);
    } catch (JdbiException e) {
      var failure =
          StoreException.failed("commit a " + kind(write) + " transaction on " + description, e);
      abandon(handle, write, failure);
      throw failure;
    }
  }

  /** Rolls back after {@code cause}; a connection that cannot roll back leaves the pool. */
  private void abandon(Handle handle, boolean write, Throwable cause) {
    try {
      dialect.rollback(handle, write);
    } catch (JdbiException e) {
      cause.addSuppressed(e);
      discard(handle);
    }
  }

  private void close(Handle handle) {
    try {
      handle.close();
    } catch (JdbiException e) {
      // The transaction is over (committed or rolled back), so the caller's result stands; only
      // the connection is suspect, and it leaves the pool.
      LOG.log(Level.WARNING, "closing a connection to " + description + " failed", e);
      discard(handle);
    }
  }

  private void discard(Handle handle) {
    dataSource.evictConnection(handle.getConnection());
  }

  private static String kind(boolean write) {
    return write ? "write" : "read";
  }
}
