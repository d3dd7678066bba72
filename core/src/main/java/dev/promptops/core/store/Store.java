package dev.promptops.core.store;

import java.util.function.Function;

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

  /** A short description for logs, e.g. {@code sqlite:/var/lib/promptops/promptops.db}. */
  String describe();

  @Override
  void close();
}
