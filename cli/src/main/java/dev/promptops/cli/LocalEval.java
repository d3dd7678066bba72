package dev.promptops.cli;

import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.Suite;
import dev.promptops.core.eval.assertions.Assertions;
import dev.promptops.core.eval.engine.EvalEngine;
import dev.promptops.core.eval.engine.FileResponseCache;
import dev.promptops.core.eval.engine.JsonlResults;
import dev.promptops.core.eval.engine.ModelGraders;
import dev.promptops.core.eval.engine.PreparedVariant;
import dev.promptops.core.eval.engine.Progress;
import dev.promptops.core.eval.engine.ProviderEmbeddingCalls;
import dev.promptops.core.eval.engine.ResponseCache;
import dev.promptops.core.eval.engine.SuiteProviders;
import dev.promptops.core.eval.engine.Variants;
import dev.promptops.core.execution.ModelCalls;
import dev.promptops.core.provider.PriceTable;
import dev.promptops.core.provider.ProviderDirectory;
import dev.promptops.core.provider.ResilientCalls;
import dev.promptops.providers.EmbeddingProviders;
import dev.promptops.providers.Providers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One suite run on this machine: prompts rendered here, models called from here (providers of the
 * suite, else of the environment: {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL} …), results
 * streamed to {@code .promptops/evals/<id>/results.jsonl}.
 */
final class LocalEval {
  /** The project name used for provider limits of a local run. */
  static final String LOCAL = "local";

  /**
   * What to run.
   *
   * @param prompts the prompts to evaluate (the suite's, or {@code --prompt}'s)
   * @param baseline the environment whose deployed versions are the baselines, or null
   * @param cacheDir the response cache, or null for none
   * @param resume whether {@code id}'s results so far are kept and skipped
   */
  record Plan(
      String id,
      Suite suite,
      List<PromptSource> prompts,
      String baseline,
      int concurrency,
      Path cacheDir,
      boolean resume) {}

  private final Context ctx;
  private final String project;
  private final Supplier<PromptOpsClient> client;
  private final EvalRunsFolder runs;
  private final Consumer<String> warn;

  LocalEval(
      Context ctx,
      String project,
      Supplier<PromptOpsClient> client,
      EvalRunsFolder runs,
      Consumer<String> warn) {
    this.ctx = ctx;
    this.project = project;
    this.client = client;
    this.runs = runs;
    this.warn = warn;
  }

  RunReport run(Plan plan, Progress progress, AtomicBoolean stop) {
    Suite suite = plan.suite();
    ProviderDirectory directory =
        new SuiteProviders(suite.providers(), ProviderDirectory.environment(ctx.env()));
    var limits = new ResilientCalls();
    var models = new ModelCalls(directory, new Providers(), limits, PriceTable.defaults());
    var embeddings = new ProviderEmbeddingCalls(LOCAL, directory, new EmbeddingProviders(), limits);
    try (models;
        embeddings) { // their HTTP clients stop, so the JVM exits without waiting for them
      ResponseCache cache =
          plan.cacheDir() == null ? ResponseCache.none() : new FileResponseCache(plan.cacheDir());
      var prompts = new LocalPrompts(ctx, project, client);
      List<PreparedVariant> variants =
          new Variants(prompts, LOCAL, models, cache, warn)
              .prepare(suite, plan.prompts(), plan.baseline());
      var graders =
          new ModelGraders(
              LOCAL,
              models,
              suite.graders().prompt() == null
                  ? null
                  : prompts.load(suite.graders().prompt()).compiled(),
              suite.graders().judge(),
              suite.graders().embeddings(),
              embeddings,
              cache);
      Path results = runs.results(plan.id());
      ResultReader previous = plan.resume() ? JsonlResults.reader(results) : null;
      try (var sink = JsonlResults.append(results)) {
        return new EvalEngine(Clock.systemUTC())
            .run(
                new EvalEngine.Run(
                    plan.id(),
                    suite,
                    variants,
                    Assertions::evaluate,
                    c -> c.assertions().forEach(Assertions::check),
                    graders,
                    sink,
                    progress,
                    plan.concurrency(),
                    previous,
                    stop::get,
                    "promptops eval --resume " + plan.id()));
      }
    }
  }
}
