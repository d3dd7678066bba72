package dev.promptops.server.api;

import dev.promptops.core.audit.AuditCheckpoints;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.change.ChangeRequests;
import dev.promptops.core.drift.Drift;
import dev.promptops.core.drift.DriftSchedules;
import dev.promptops.core.drift.DriftSettings;
import dev.promptops.core.eval.engine.ProviderEmbeddingCalls;
import dev.promptops.core.eval.engine.ResponseCache;
import dev.promptops.core.eval.runs.EvalServices;
import dev.promptops.core.eval.runs.PolicyEvals;
import dev.promptops.core.eval.runs.RunListener;
import dev.promptops.core.eval.runs.SmokeTests;
import dev.promptops.core.eval.runs.SuiteRegistry;
import dev.promptops.core.execution.Execution;
import dev.promptops.core.policy.Policies;
import dev.promptops.core.provider.EmbeddingFactory;
import dev.promptops.core.provider.MasterKey;
import dev.promptops.core.provider.PriceTable;
import dev.promptops.core.provider.ProviderAccounts;
import dev.promptops.core.provider.ProviderFactory;
import dev.promptops.core.provider.ResilientCalls;
import dev.promptops.core.provider.UsageSink;
import dev.promptops.core.registry.Components;
import dev.promptops.core.registry.Deployments;
import dev.promptops.core.registry.Projects;
import dev.promptops.core.registry.PromptVersions;
import dev.promptops.core.registry.RegistryCache;
import dev.promptops.core.registry.Rendering;
import dev.promptops.core.store.Store;
import dev.promptops.core.webhook.WebhookOutbox;
import dev.promptops.core.webhook.Webhooks;
import dev.promptops.server.ClusterSettings;
import dev.promptops.server.metrics.ServerMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The use cases the routes call, wired once by the server. There is one {@link Rendering}: it holds
 * the cache of compiled prompts. {@link ProviderAccounts} is also the server's {@link
 * dev.promptops.core.provider.ProviderDirectory}: it decrypts provider secrets with the master key.
 * The audit log queues webhook deliveries ({@link WebhookOutbox}) in the transaction of each
 * change.
 */
public record Services(
    Store store,
    AuditLog audit,
    AuditCheckpoints checkpoints,
    Projects projects,
    PromptVersions versions,
    Deployments deployments,
    Rendering rendering,
    Components components,
    ApiKeys keys,
    ProviderAccounts providers,
    Execution execution,
    EvalServices evals,
    Policies policies,
    ChangeRequests changes,
    SuiteRegistry suites,
    Webhooks webhooks,
    Drift drift,
    DriftSchedules schedules,
    ServerMetrics metrics,
    RegistryCache registryCache,
    ClusterSettings cluster) {

  /**
   * @param masterKey encrypts and decrypts provider and webhook secrets
   * @param environment the server's environment variables, for provider fallbacks
   * @param factory builds provider adapters
   * @param usage takes the usage event of every execution
   * @param prices prices executions
   * @param embeddings builds embeddings adapters (for evaluations' {@code similar})
   * @param cache the response cache of evaluations run on the server
   * @param checkpoints signs checkpoints of the audit log as entries are appended
   * @param metrics the server's metrics, which the services feed
   * @param cluster this instance's part among several: its cache, its evaluation lease
   */
  public static Services create(
      Store store,
      Clock clock,
      MasterKey masterKey,
      Map<String, String> environment,
      ProviderFactory factory,
      UsageSink usage,
      PriceTable prices,
      EmbeddingFactory embeddings,
      ResponseCache cache,
      AuditCheckpoints checkpoints,
      DriftSettings driftSettings,
      ServerMetrics metrics,
      ClusterSettings cluster) {
    var registryCache = new RegistryCache(cluster.cacheEntries());
    metrics.watch(registryCache);
    var audit =
        new AuditLog(
            List.of(
                checkpoints,
                SmokeTests.starter(clock),
                Drift.confirmations(),
                new WebhookOutbox()));
    var drift = new Drift(store, audit, clock, driftSettings);
    var schedules = new DriftSchedules(store, audit, clock, drift);
    var rendering = new Rendering(store, metrics::rendered);
    metrics.watch(drift);
    metrics.watch(rendering.cache());
    var providers = new ProviderAccounts(store, audit, clock, masterKey, environment);
    var limits = new ResilientCalls();
    var execution = new Execution(rendering, providers, factory, limits, prices, usage, clock);
    var deployments = new Deployments(store, audit, clock);
    // change requests start evals and merge when one passes: each needs the other
    var changes = new java.util.concurrent.atomic.AtomicReference<ChangeRequests>();
    var evals =
        new EvalServices(
            store,
            rendering,
            audit,
            execution.models(),
            project -> new ProviderEmbeddingCalls(project, providers, embeddings, limits),
            cache,
            clock,
            RunListener.audited(audit, clock)
                .andThen(SmokeTests.judge(audit, deployments, clock))
                .andThen(schedules.judge())
                .andThen((tx, run, status, report) -> metrics.evalRunEnded(status.wireName()))
                .andThen(
                    (tx, run, status, report) -> changes.get().afterRun(tx, run, status, report)),
            cluster.evalLease());
    return new Services(
        store,
        audit,
        checkpoints,
        new Projects(store, audit, clock),
        new PromptVersions(store, audit, clock, registryCache),
        deployments,
        rendering,
        new Components(store),
        new ApiKeys(store, audit, clock, registryCache),
        providers,
        execution,
        evals,
        new Policies(store, audit, clock),
        changes.updateAndGet(
            none ->
                new ChangeRequests(
                    store, audit, clock, deployments, new PolicyEvals(store, evals.evaluations()))),
        new SuiteRegistry(store, audit, clock),
        new Webhooks(store, audit, clock, masterKey),
        drift,
        schedules,
        metrics,
        registryCache,
        cluster);
  }
}
