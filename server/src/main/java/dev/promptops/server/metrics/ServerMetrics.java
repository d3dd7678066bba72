package dev.promptops.server.metrics;

import dev.promptops.core.drift.Drift;
import dev.promptops.core.drift.IncidentKind;
import dev.promptops.core.store.Store;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics a server exposes on {@code /metrics}: drift (open incidents by kind, deployment
 * convergence time, reports taken) and the JVM's basics. More instruments join here.
 */
public final class ServerMetrics {
  private final Metrics metrics = new Metrics();
  private final Metrics.Histogram convergence;
  private final Metrics.Counter confirmations;

  public ServerMetrics(Store store, Drift drift) {
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
    drift.onConfirmed(
        c -> {
          convergence.observe(c.took().toMillis() / 1000.0);
          confirmations.inc(c.environment());
        });
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

  public Metrics metrics() {
    return metrics;
  }

  public String scrape() {
    return metrics.scrape();
  }
}
