package dev.promptops.server;

import dev.promptops.core.audit.AuditCheckpoints;
import dev.promptops.core.audit.AuditKeyFile;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.drift.DriftSettings;
import dev.promptops.core.eval.engine.FileResponseCache;
import dev.promptops.core.eval.engine.ResponseCache;
import dev.promptops.core.eval.runs.EvalServices;
import dev.promptops.core.provider.MasterKeyFile;
import dev.promptops.core.provider.ProviderAccounts;
import dev.promptops.core.provider.ProviderInfo;
import dev.promptops.core.provider.UsageRecorder;
import dev.promptops.core.store.Store;
import dev.promptops.providers.EmbeddingProviders;
import dev.promptops.providers.Providers;
import dev.promptops.server.api.ApiRoutes;
import dev.promptops.server.api.Services;
import dev.promptops.server.console.Console;
import dev.promptops.server.http.Route;
import dev.promptops.server.http.Router;
import dev.promptops.server.metrics.ServerMetrics;
import dev.promptops.server.telemetry.ExecutionTelemetry;
import dev.promptops.server.telemetry.OtlpSettings;
import dev.promptops.server.telemetry.SpanExporter;
import dev.promptops.server.webhook.WebhookSettings;
import dev.promptops.server.webhook.WebhookWorker;
import dev.promptops.store.Stores;
import io.helidon.webserver.WebServer;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running PromptOps server: the HTTP API on Helidon SE (a virtual thread per request) over one
 * store. Built and started by {@link #start}; {@link #stop} is graceful: the listener stops taking
 * connections, in-flight requests finish, background work (evaluations, webhook deliveries) hands
 * back or ends, then storage closes.
 */
public final class PromptOpsServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PromptOpsServer.class.getName());
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final Duration USAGE_FLUSH = Duration.ofMillis(250);

  private final WebServer web;
  private final String host;
  private final Store store;
  private final UsageRecorder usage;
  private final Router router;
  private final EvalServices evals;
  private final AuditCheckpointTimer checkpoints;
  private final WebhookWorker webhooks;
  private final DriftMonitor drift;
  private final SpanExporter spans;
  private final BackgroundJobs jobs;
  private final AutoCloseable registryWatch;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();

  private PromptOpsServer(
      WebServer web,
      String host,
      Store store,
      UsageRecorder usage,
      Router router,
      EvalServices evals,
      AuditCheckpointTimer checkpoints,
      WebhookWorker webhooks,
      DriftMonitor drift,
      SpanExporter spans,
      BackgroundJobs jobs,
      AutoCloseable registryWatch) {
    this.web = web;
    this.jobs = jobs;
    this.registryWatch = registryWatch;
    this.spans = spans;
    this.checkpoints = checkpoints;
    this.evals = evals;
    this.webhooks = webhooks;
    this.drift = drift;
    this.host = host;
    this.store = store;
    this.usage = usage;
    this.router = router;
  }

  /**
   * Opens storage (running migrations), loads the master key of provider secrets ({@code
   * PROMPTOPS_MASTER_KEY}, else {@code master.key} in the data directory, generated on the first
   * start), loads the audit signing key ({@code PROMPTOPS_AUDIT_KEY_FILE}, else {@code
   * audit-signing.key} in the data directory, likewise), creates the first admin key on an empty
   * database (printing it once to {@code out}), and starts listening.
   */
  public static PromptOpsServer start(ServerConfig config, PrintStream out) {
    Store store = openStore(config);
    UsageRecorder usage = null;
    AuditCheckpointTimer timer = null;
    SpanExporter spans = null;
    try {
      MasterKeyFile.Loaded master =
          MasterKeyFile.load(
              config.dataDir(), config.environment(), ProviderAccounts.storedKeyIds(store));
      AuditKeyFile.Loaded auditKey = AuditKeyFile.load(config.dataDir(), config.environment());
      AuditCheckpoints checkpoints =
          AuditCheckpointTimer.checkpoints(auditKey.key(), config.environment(), Clock.systemUTC());
      timer = AuditCheckpointTimer.of(store, checkpoints, config.environment());
      ClusterSettings cluster = ClusterSettings.from(config.environment());
      WebhookSettings webhookSettings = WebhookSettings.from(config.environment());
      usage = new UsageRecorder(store, USAGE_FLUSH).start();
      var metrics = new ServerMetrics(store);
      spans = OtlpSettings.from(config.environment()).map(SpanExporter::new).orElse(null);
      if (spans != null) {
        SpanExporter exporter = spans;
        metrics
            .metrics()
            .counterFrom(
                "promptops_spans_total",
                "Execution spans by what became of them (exported, dropped: queue full or export"
                    + " failed)",
                java.util.List.of("result"),
                () ->
                    java.util.Map.of(
                        java.util.List.of("exported"), (double) exporter.exported(),
                        java.util.List.of("dropped"), (double) exporter.dropped()));
      }
      Services services =
          Services.create(
              store,
              Clock.systemUTC(),
              master.key(),
              config.environment(),
              new Providers(),
              new ExecutionTelemetry(usage, metrics, spans, Clock.systemUTC()),
              Prices.load(config.dataDir()),
              new EmbeddingProviders(),
              config.dataDir() == null
                  ? ResponseCache.none()
                  : new FileResponseCache(config.dataDir().resolve("cache/responses")),
              checkpoints,
              DriftSettings.from(config.environment()),
              metrics,
              cluster);
      String instance = cluster.instance();
      usage.alsoWrite(
          (tx, batch) ->
              services.drift().recordServerUse(tx, instance, batch, Clock.systemUTC().instant()));
      bootstrap(services.keys(), config, out);
      reportMasterKey(master, services.providers(), out);
      reportAuditKey(auditKey, out);
      var console = new Console(services, Clock.systemUTC());
      Router router =
          new Router(
              ApiRoutes.all(services), services.keys(), config.maxBodyBytes(), metrics::request);
      WebServer web =
          WebServer.builder()
              .host(config.host())
              .port(config.port())
              .shutdownHook(false)
              .shutdownGracePeriod(GRACE)
              .routing(
                  routing ->
                      routing
                          .get(
                              "/",
                              (req, res) ->
                                  res.status(303).header("Location", Console.PREFIX).send())
                          .any(Console.PREFIX, console)
                          .any(Console.PREFIX + "/*", console)
                          .any(router))
              .build()
              .start();
      var webhooks =
          new WebhookWorker(store, services.webhooks(), webhookSettings, Clock.systemUTC());
      var server =
          new PromptOpsServer(
              web,
              config.host(),
              store,
              usage,
              router,
              services.evals(),
              timer,
              webhooks,
              new DriftMonitor(services.drift(), services.schedules(), instance),
              spans,
              new BackgroundJobs(store, instance, Clock.systemUTC()),
              cluster.cacheEntries() > 0
                  ? store.watchRegistry(services.registryCache()::observe, cluster.recheck())
                  : () -> {});
      services.evals().worker().start();
      webhooks.start();
      server.drift.start(server.jobs);
      server.checkpoints.start(server.jobs);
      LOG.log(
          System.Logger.Level.INFO,
          "PromptOps listening on " + server.url() + " (storage: " + store.describe() + ")");
      return server;
    } catch (RuntimeException e) {
      if (timer != null) {
        timer.close();
      }
      if (usage != null) {
        usage.close();
      }
      if (spans != null) {
        spans.close();
      }
      store.close();
      throw e;
    }
  }

  private static Store openStore(ServerConfig config) {
    if (config.jdbcUrl() != null) {
      return Stores.open(config.jdbcUrl(), config.dbUser(), config.dbPassword());
    }
    return Stores.sqlite(config.dataDir());
  }

  private static void bootstrap(ApiKeys keys, ServerConfig config, PrintStream out) {
    keys.bootstrap(config.adminKey())
        .ifPresent(
            created -> {
              if (config.adminKey() != null) {
                out.println(
                    "PromptOps: empty database; created admin key '"
                        + created.key().name()
                        + "' ("
                        + created.key().id()
                        + ") from PROMPTOPS_ADMIN_KEY.");
              } else {
                out.println("PromptOps: empty database; created the first admin key.");
                out.println("It is shown only this once. Store it now:");
                out.println();
                out.println("  export PROMPTOPS_API_KEY=" + created.secret());
                out.println();
              }
              out.flush();
            });
  }

  /** Says where a new key file is, and which stored secrets this key cannot read. */
  private static void reportMasterKey(
      MasterKeyFile.Loaded master, ProviderAccounts providers, PrintStream out) {
    LOG.log(System.Logger.Level.INFO, "provider secrets: " + master.describe());
    if (master.source() == MasterKeyFile.Source.NEW_KEY_FILE) {
      out.println(
          "PromptOps: generated the master key that encrypts provider API keys: " + master.file());
      out.println(
          "Back it up with the database: without it, stored provider API keys cannot be read.");
    }
    List<ProviderInfo> unreadable = providers.unreadable();
    if (!unreadable.isEmpty()) {
      out.println(
          "PromptOps: warning: the API keys of "
              + String.join(
                  ", ",
                  unreadable.stream()
                      .map(p -> p.project() + "/" + p.name() + " (key " + p.secretKeyId() + ")")
                      .toList())
              + " were encrypted with another master key than this server's ("
              + master.key().id()
              + "); start it with the original PROMPTOPS_MASTER_KEY or master.key, or set those"
              + " API keys again.");
    }
    out.flush();
  }

  private static void reportAuditKey(AuditKeyFile.Loaded key, PrintStream out) {
    LOG.log(System.Logger.Level.INFO, key.describe());
    if (key.created()) {
      out.println("PromptOps: generated the key that signs audit checkpoints: " + key.file());
      out.println(
          "Back it up; servers sharing this database need the same key (PROMPTOPS_AUDIT_KEY_FILE).");
      out.flush();
    }
  }

  /** The port the server listens on (useful with port 0). */
  public int port() {
    return web.port();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:7070} (loopback when listening everywhere). */
  public String url() {
    boolean anyAddress = host.equals("0.0.0.0") || host.equals("::");
    String shown = anyAddress ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    return "http://" + shown + ":" + port();
  }

  /** The route table the server answers (for docs and tests). */
  public List<Route> routes() {
    return router.routes();
  }

  /** Blocks until the server has stopped. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops taking requests, lets in-flight ones finish, closes storage. Idempotent. */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    try {
      web.stop();
    } finally {
      jobs.close();
      drift.close();
      evals.close();
      checkpoints.close();
      webhooks.close();
      usage.close();
      if (spans != null) {
        spans.close();
      }
      try {
        registryWatch.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "could not stop watching the registry", e);
      }
      store.close();
      stopped.countDown();
      LOG.log(System.Logger.Level.INFO, "PromptOps stopped");
    }
  }

  @Override
  public void close() {
    stop();
  }
}
