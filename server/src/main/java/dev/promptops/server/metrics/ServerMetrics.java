package dev.promptops.server.metrics;

import dev.promptops.core.drift.Drift;
import dev.promptops.core.drift.IncidentKind;
import dev.promptops.core.store.Store;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics a server exposes on {@code /metrics} ({@code docs/observability.md}): HTTP requests,
 * resolves, the compiled-prompt cache, render and execution latency, provider errors and tokens,
 * evaluation runs, drift (open incidents by kind, deployment convergence) and the JVM's basics.
 */
public final class ServerMetrics {
  /** Seconds: from half a millisecond to a minute, for requests, renders and executions. */
  private static final double[] LATENCY = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
  };

  private final Metrics metrics = new Metrics();
  private final Metrics.Histogram convergence;
  private final Metrics.Counter confirmations;
  private final Metrics.Counter requests;
  private final Metrics.Histogram requestSeconds;
  private final Metrics.Counter resolves;
  private final Metrics.Histogram renderSeconds;
  private final Metrics.Histogram executionSeconds;
  private final Metrics.Counter providerErrors;
  private final Metrics.Counter tokens;
  private final Metrics.Counter evalRuns;

  public ServerMetrics(Store store) {
    requests =
        metrics.counter(
            "promptops_http_requests_total",
            "HTTP requests answered, by method, route and status",
            "method",
            "route",
            "status");
    requestSeconds =
        metrics.histogram(
            "promptops_http_request_duration_seconds",
            "Time to answer an HTTP request (a streamed answer: to its end), by method and route",
            List.of("method", "route"),
            LATENCY);
    resolves =
        metrics.counter(
            "promptops_resolves_total",
            "Prompt lookups by name (the SDK's and the API's), by how they were resolved (env,"
                + " label, version) and result (ok, not_modified: the caller's copy was current)",
            "via",
            "result");
    renderSeconds =
        metrics.histogram(
            "promptops_render_duration_seconds",
            "Time to render a compiled prompt (server-side renders and executions)",
            LATENCY);
    executionSeconds =
        metrics.histogram(
            "promptops_execution_duration_seconds",
            "Time of an execution (the model call with its retries and fallbacks), by provider,"
                + " model and outcome",
            List.of("provider", "model", "outcome"),
            LATENCY);
    providerErrors =
        metrics.counter(
            "promptops_provider_errors_total",
            "Executions that failed at the provider, by provider and outcome (rate_limited,"
                + " server_error, timeout, …)",
            "provider",
            "outcome");
    tokens =
        metrics.counter(
            "promptops_tokens_total",
            "Tokens used by executions, by provider, model and direction (input, output)",
            "provider",
            "model",
            "direction");
    evalRuns =
        metrics.counter(
            "promptops_eval_runs_total",
            "Evaluation runs ended on this server, by status",
            "status");
    metrics.gauge(
        "promptops_drift_incidents_open",
        "Drift incidents not resolved yet (open or acknowledged), by kind",
        List.of("kind"),
        () -> {
          Map<String, Integer> counts = store.read(tx -> tx.drift().unresolvedByKind());
          var series = new LinkedHashMap<List<String>, Double>();
          for (IncidentKind k : IncidentKind.values()) {
            series.put(List.of(k.wireName()), counts.getOrDefault(k.wireName(), 0).doubleValue());
          }
          return series;
        });
    convergence =
        metrics.histogram(
            "promptops_deployment_convergence_seconds",
            "From a deployment to every live instance serving its digest (confirmed deployments)",
            1,
            5,
            15,
            30,
            60,
            120,
            300,
            600,
            1800);
    confirmations =
        metrics.counter(
            "promptops_deployments_confirmed_total",
            "Deployments confirmed, by environment",
            "environment");
    var memory = ManagementFactory.getMemoryMXBean();
    var threads = ManagementFactory.getThreadMXBean();
    var runtime = ManagementFactory.getRuntimeMXBean();
    metrics.gauge(
        "promptops_jvm_heap_used_bytes",
        "Heap in use",
        List.of(),
        () -> Map.of(List.of(), (double) memory.getHeapMemoryUsage().getUsed()));
    metrics.gauge(
        "promptops_jvm_threads",
        "Live platform threads",
        List.of(),
        () -> Map.of(List.of(), (double) threads.getThreadCount()));
    metrics.gauge(
        "promptops_uptime_seconds",
        "Seconds since the server started",
        List.of(),
        () -> Map.of(List.of(), runtime.getUptime() / 1000.0));
  }

  /** Starts counting the confirmations {@code drift} makes. */
  public void watch(Drift drift) {
    drift.onConfirmed(
        c -> {
          convergence.observe(c.took().toMillis() / 1000.0);
          confirmations.inc(c.environment());
        });
  }

  /** Exposes the hits and misses of the compiled-prompt cache. */
  public void watch(dev.promptops.core.registry.CompiledPrompts cache) {
    metrics.counterFrom(
        "promptops_compiled_prompt_cache_total",
        "Lookups of compiled prompts by digest, by result (hit, miss: parsed and compiled)",
        List.of("result"),
        () ->
            Map.of(
                List.of("hit"), (double) cache.hits(), List.of("miss"), (double) cache.misses()));
  }

  /** Exposes the registry cache: lookups by result, and how often a change dropped it. */
  public void watch(dev.promptops.core.registry.RegistryCache cache) {
    metrics.counterFrom(
        "promptops_registry_cache_total",
        "Resolutions and API key lookups, by result (hit: from memory, miss: read the database)",
        List.of("result"),
        () ->
            Map.of(
                List.of("hit"), (double) cache.hits(), List.of("miss"), (double) cache.misses()));
    metrics.counterFrom(
        "promptops_registry_invalidations_total",
        "Times a change of the registry (on this instance or another) dropped the registry cache",
        List.of(),
        () -> Map.of(List.of(), (double) cache.invalidations()));
  }

  /** One HTTP request answered. */
  public void request(String method, String route, int status, long nanos) {
    requests.inc(method, route, Integer.toString(status));
    requestSeconds.observe(nanos / 1e9, method, route);
  }

  /**
   * One lookup by name.
   *
   * @param via how it resolved: {@code env:production}, {@code label:canary}, {@code version}…
   */
  public void resolved(String via, boolean notModified) {
    int colon = via.indexOf(':');
    resolves.inc(colon < 0 ? via : via.substring(0, colon), notModified ? "not_modified" : "ok");
  }

  /** One render of a compiled prompt. */
  public void rendered(long nanos) {
    renderSeconds.observe(nanos / 1e9);
  }

  /** One execution. */
  public void executed(dev.promptops.core.provider.UsageEvent e) {
    executionSeconds.observe(e.latencyMillis() / 1000.0, e.provider(), e.model(), e.outcome());
    if (!e.answered()) {
      providerErrors.inc(e.provider(), e.outcome());
    }
    tokens.add(e.inputTokens(), e.provider(), e.model(), "input");
    tokens.add(e.outputTokens(), e.provider(), e.model(), "output");
  }

  /** One evaluation run ended. */
  public void evalRunEnded(String status) {
    evalRuns.inc(status);
  }

  public Metrics metrics() {
    return metrics;
  }

  public String scrape() {
    return metrics.scrape();
  }
}
