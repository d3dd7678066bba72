package dev.promptops.core.store;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Transactional access to the registry's storage. Implementations serialise write transactions (one
 * writer at a time), so the work inside {@link #write} sees a stable state and every change it
 * makes, audit entry included, commits or rolls back together.
 */
public interface Store extends AutoCloseable {

  /** Runs {@code work} in a write transaction; commits if it returns, rolls back if it throws. */
  <T> T write(Function<Tx, T> work);

  /** Runs read-only {@code work}. */
  <T> T read(Function<Tx, T> work);

  /**
   * Watches the registry generation: a number the database raises whenever something a server may
   * cache changes (projects, environments, prompts, versions, pins, API keys and their roles; read
   * it inside a transaction with {@link Tx#registryGeneration()}). {@code listener} receives the
   * generation after each write transaction of this store, when the database announces a change
   * made elsewhere (PostgreSQL's LISTEN/NOTIFY), and at least every {@code recheck} in any case, so
   * that a lost notification or another process on the same SQLite file cannot leave a cache stale
   * for longer. Stops when the returned handle closes or the store does.
   */
  AutoCloseable watchRegistry(LongConsumer listener, Duration recheck);

  /** A short description for logs, e.g. {@code sqlite:/var/lib/promptops/promptops.db}. */
  String describe();

  @Override
  void close();
}
