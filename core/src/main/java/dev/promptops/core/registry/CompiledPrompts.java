package dev.promptops.core.registry;

import dev.promptops.core.dotprompt.CompiledPrompt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Compiled prompts by version digest, least recently used dropped first. A digest fixes a version's
 * template and every component it pins, so a compiled prompt never goes stale: the hot path renders
 * without parsing. Public for the benchmarks ({@code bench}), which measure this path as {@link
 * Rendering} takes it.
 */
public final class CompiledPrompts {
  private final int capacity;
  private final Map<String, CompiledPrompt> byDigest;
  private final java.util.concurrent.atomic.LongAdder hits =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder misses =
      new java.util.concurrent.atomic.LongAdder();

  public CompiledPrompts(int capacity) {
    this.capacity = capacity;
    this.byDigest = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** The compiled prompt of this digest, compiled (once, mostly) when it is not cached. */
  public CompiledPrompt get(String digest, Supplier<CompiledPrompt> compile) {
    synchronized (byDigest) {
      CompiledPrompt cached = byDigest.get(digest);
      if (cached != null) {
        hits.increment();
        return cached;
      }
    }
    misses.increment();
    CompiledPrompt compiled = compile.get();
    synchronized (byDigest) {
      byDigest.putIfAbsent(digest, compiled);
      while (byDigest.size() > capacity) {
        var eldest = byDigest.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
      return byDigest.get(digest);
    }
  }

  /** Lookups answered from the cache. */
  public long hits() {
    return hits.sum();
  }

  /** Lookups that compiled. */
  public long misses() {
    return misses.sum();
  }

  int size() {
    synchronized (byDigest) {
      return byDigest.size();
    }
  }
}
