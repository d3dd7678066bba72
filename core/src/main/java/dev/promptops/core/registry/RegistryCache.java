package dev.promptops.core.registry;

import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * What a server reads on every request (a prompt resolved by environment or label, an API key),
 * kept in memory and dropped whenever the registry changes, on this instance or on another one on
 * the same database.
 *
 * <p>Each entry carries the registry generation ({@link Tx#registryGeneration()}) read in the same
 * transaction as its value, and counts only while that is the generation this cache knows. The
 * store tells the cache of each new generation ({@link #observe}, wired to {@link
 * Store#watchRegistry}): right after this instance's own writes, on PostgreSQL's notification of
 * another instance's, and on a periodic re-check. An entry read before a change can therefore never
 * be served after the cache has learnt of it, even when the read and the change race.
 *
 * <p>Bounded: when it holds {@code capacity} entries it starts again empty. A cache made with
 * {@link #off()} keeps nothing and every lookup reads the store.
 */
public final class RegistryCache {
  /** The default bound on entries. */
  public static final int DEFAULT_CAPACITY = 20_000;

  private record Entry(long generation, Object value) {}

  private record Loaded<V>(long generation, V value) {}

  private final int capacity;
  private final Map<Object, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong known = new AtomicLong(-1);
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder invalidations = new LongAdder();

  public RegistryCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be 0 or more: " + capacity);
    }
    this.capacity = capacity;
  }

  /** A cache that keeps nothing. */
  public static RegistryCache off() {
    return new RegistryCache(0);
  }

  /**
   * The value of {@code key}, from memory when it was read at the generation this cache knows, else
   * read by {@code load} in a read transaction of {@code store} (and kept). A load that throws
   * keeps nothing. {@code key} must identify what {@code load} reads (equal keys, equal loads).
   */
  public <V> V get(Store store, Object key, Function<Tx, V> load) {
    Objects.requireNonNull(key, "key");
    if (capacity == 0) {
      return store.read(load);
    }
    Entry entry = entries.get(key);
    if (entry != null && entry.generation() == known.get()) {
      hits.increment();
      @SuppressWarnings("unchecked")
      V value = (V) entry.value();
      return value;
    }
    misses.increment();
    Loaded<V> loaded = store.read(tx -> new Loaded<>(tx.registryGeneration(), load.apply(tx)));
    // a snapshot newer than what this cache knows is news (its notification is on its way)
    observe(loaded.generation());
    if (loaded.generation() == known.get()) {
      if (entries.size() >= capacity) {
        entries.clear();
      }
      entries.put(key, new Entry(loaded.generation(), loaded.value()));
    }
    return loaded.value();
  }

  /**
   * Learns of a registry generation: a newer one than this cache knows drops every entry. Older
   * ones (a re-check that read before a write this instance has already seen) change nothing.
   */
  public void observe(long generation) {
    long before = known.getAndAccumulate(generation, Math::max);
    if (generation > before) {
      if (before >= 0) {
        invalidations.increment();
      }
      entries.clear();
    }
  }

  /** The generation this cache knows, or -1 before the first. */
  public long generation() {
    return known.get();
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** How often a change of the registry dropped the entries. */
  public long invalidations() {
    return invalidations.sum();
  }

  public int size() {
    return entries.size();
  }
}
