package dev.promptops.core.eval.runs;

import dev.promptops.core.PromptOpsException;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.auth.Role;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.assertions.Assertions;
import dev.promptops.core.eval.engine.EmbeddingCalls;
import dev.promptops.core.eval.engine.EvalEngine;
import dev.promptops.core.eval.engine.ModelGraders;
import dev.promptops.core.eval.engine.PreparedVariant;
import dev.promptops.core.eval.engine.ResponseCache;
import dev.promptops.core.eval.engine.Variants;
import dev.promptops.core.execution.ModelCalls;
import dev.promptops.core.registry.Rendering;
import dev.promptops.core.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Executes one stored run on the server: its suite read again from what was submitted, its prompts
 * from the registry (as a reader of the project), its models on the project's providers, its
 * results written to the database as they come. A run with stored results goes on from them.
 */
final class EvalRunner {
  private static final Logger LOG = Logger.getLogger(EvalRunner.class.getName());
  static final String WORKER_NAME = "eval-worker";

  private final Store store;
  private final Rendering rendering;
  private final ModelCalls models;
  private final Function<String, EmbeddingCalls> embeddings;
  private final ResponseCache cache;
  private final int defaultConcurrency;
  private final Clock clock;
  private final RunListener listener;

  EvalRunner(
      Store store,
      Rendering rendering,
      ModelCalls models,
      Function<String, EmbeddingCalls> embeddings,
      ResponseCache cache,
      int defaultConcurrency,
      Clock clock,
      RunListener listener) {
    this.listener = listener;
    this.store = store;
    this.rendering = rendering;
    this.models = models;
    this.embeddings = embeddings;
    this.cache = cache;
    this.defaultConcurrency = defaultConcurrency;
    this.clock = clock;
  }

  /**
   * Runs {@code run} until it ends or {@code stop} says so. A run stopped by the server's shutdown
   * is left running (its lease lapses and a worker goes on with it); a cancelled one ends
   * interrupted.
   *
   * @param cancelled polled during the run: someone asked the run to stop
   * @return the status the run was given, or null when it was left for another worker
   */
  EvalStatus execute(EvalRun run, BooleanSupplier shuttingDown, BooleanSupplier cancelled) {
    String project = run.project();
    EmbeddingCalls embedder = null;
    try {
      EvalRequest request = EvalRequest.of(run.suite(), run.suiteName(), run.options());
      SuitePlan plan = SuitePlan.of(request);
      Principal reader = new Principal(WORKER_NAME, WORKER_NAME, Map.of(project, Role.VIEWER));
      var prompts = new RegistryPrompts(rendering, reader, project);
      ResponseCache runCache = request.noCache() ? ResponseCache.none() : cache;
      List<PreparedVariant> variants =
          new Variants(prompts, project, models, runCache, w -> LOG.info(run.id() + ": " + w))
              .prepare(plan.suite(), plan.prompts(), request.baseline());
      var grader = plan.suite().graders();
      var graders =
          new ModelGraders(
              project,
              models,
              grader.prompt() == null ? null : prompts.load(grader.prompt()).compiled(),
              grader.judge(),
              grader.embeddings(),
              embedder = embeddings.apply(project),
              runCache);
      long stored = store.read(tx -> tx.evals().resultCount(run.id()));
      int concurrency =
          request.concurrency() != null
              ? request.concurrency()
              : plan.suite().maxConcurrency() != null
                  ? plan.suite().maxConcurrency()
                  : defaultConcurrency;
      RunReport report;
      try (var sink = new StoreResultSink(store, run.id())) {
        report =
            new EvalEngine(clock)
                .run(
                    new EvalEngine.Run(
                        run.id(),
                        plan.suite(),
                        variants,
                        Assertions::evaluate,
                        c -> c.assertions().forEach(Assertions::check),
                        graders,
                        sink,
                        null,
                        concurrency,
                        stored > 0 ? new StoredResults(store, run.id()) : null,
                        () -> shuttingDown.getAsBoolean() || cancelled.getAsBoolean(),
                        null));
      }
      if (report.interrupted() && shuttingDown.getAsBoolean() && !cancelled.getAsBoolean()) {
        return null;
      }
      EvalStatus status = report.interrupted() ? EvalStatus.INTERRUPTED : EvalStatus.FINISHED;
      finish(run, status, report, null);
      return status;
    } catch (PromptOpsException | IllegalArgumentException e) {
      finish(run, EvalStatus.FAILED, null, e.getMessage());
      return EvalStatus.FAILED;
    } finally {
      if (embedder instanceof AutoCloseable closeable) {
        closeQuietly(closeable);
      }
    }
  }

  /** The run's embedding adapters stop; a failure to close them changes nothing stored. */
  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.fine("closing the run's embedding adapters: " + e);
    }
  }

  private void finish(EvalRun run, EvalStatus status, RunReport report, String error) {
    store.write(
        tx -> {
          tx.evals()
              .finish(
                  run.id(),
                  status,
                  report,
                  error,
                  clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
          listener.ended(tx, run, status, report);
          return null;
        });
  }
}
