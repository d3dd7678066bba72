package dev.promptops.core.eval.runs;

import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.eval.engine.EmbeddingCalls;
import dev.promptops.core.eval.engine.ResponseCache;
import dev.promptops.core.execution.ModelCalls;
import dev.promptops.core.registry.Rendering;
import dev.promptops.core.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/** Evaluations and the worker that runs them, wired together for a server. */
public final class EvalServices implements AutoCloseable {
  public static final int DEFAULT_CONCURRENCY = 16;
  public static final Duration LEASE = Duration.ofSeconds(30);
  public static final Duration IDLE_POLL = Duration.ofSeconds(2);

  private final Evaluations evaluations;
  private final EvalWorker worker;

  public EvalServices(
      Store store,
      Rendering rendering,
      AuditLog audit,
      ModelCalls models,
      Function<String, EmbeddingCalls> embeddings,
      ResponseCache cache,
      Clock clock) {
    this(store, rendering, audit, models, embeddings, cache, clock, RunListener.NONE);
  }

  /**
   * @param listener told when each run ends, in the transaction that stores its end (smoke suites)
   */
  public EvalServices(
      Store store,
      Rendering rendering,
      AuditLog audit,
      ModelCalls models,
      Function<String, EmbeddingCalls> embeddings,
      ResponseCache cache,
      Clock clock,
      RunListener listener) {
    this(store, rendering, audit, models, embeddings, cache, clock, listener, LEASE);
  }

  /**
   * @param lease how long a claimed run stays with a worker that stops renewing it (it renews every
   *     third of it)
   */
  public EvalServices(
      Store store,
      Rendering rendering,
      AuditLog audit,
      ModelCalls models,
      Function<String, EmbeddingCalls> embeddings,
      ResponseCache cache,
      Clock clock,
      RunListener listener,
      java.time.Duration lease) {
    var runner =
        new EvalRunner(
            store, rendering, models, embeddings, cache, DEFAULT_CONCURRENCY, clock, listener);
    this.worker = new EvalWorker(store, runner, clock, lease, IDLE_POLL);
    this.evaluations = new Evaluations(store, rendering, audit, clock, worker::nudge);
  }

  public Evaluations evaluations() {
    return evaluations;
  }

  public EvalWorker worker() {
    return worker;
  }

  @Override
  public void close() {
    worker.close();
  }
}
