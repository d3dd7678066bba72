package dev.promptops.client.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.dotprompt.Dotprompt;
import dev.promptops.core.dotprompt.Partials;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.execution.RunResult;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.prompt.PromptDigest;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.registry.Resolution;
import dev.promptops.core.registry.Selector;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The Java SDK: prompts by name from a PromptOps server, cached, rendered locally, with a bundled
 * snapshot to fall back on and background usage reports for drift detection.
 *
 * <pre>{@code
 * PromptOps prompts = PromptOps.builder()
 *     .server("https://promptops.internal")
 *     .apiKey(System.getenv("PROMPTOPS_API_KEY"))
 *     .project("shop")
 *     .environment("production")
 *     .application("checkout")
 *     .snapshot(Snapshot.resource("prompts.snapshot.json"))
 *     .build();
 * RenderedPrompt r = prompts.get("support/reply").render(Map.of("customer", "Ada"));
 * }</pre>
 *
 * <ul>
 *   <li>A lookup by environment is cached for {@code cacheTtl} (60 s by default; zero asks the
 *       server every time). Past it, the cached version is still served while one background
 *       refresh per prompt asks the server, conditionally (the digest is the ETag, so an unchanged
 *       version costs a 304). An exact version is cached for good.
 *   <li>When the server cannot be reached (or answers 5xx), what is cached stays served; with
 *       nothing cached, the snapshot's version is, marked {@link Prompt#fallback()}; the server is
 *       asked again every {@code retryEvery} and its answer replaces the snapshot's.
 *   <li>Every render counts as a use; uses are reported in the background every {@code reportEvery}
 *       and never slow or fail the caller ({@link Reporter}).
 * </ul>
 *
 * Thread-safe; one per application. {@link #close()} sends the last report.
 */
public final class PromptOps implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PromptOps.class.getName());
  static final String SDK = "promptops-java/0.1.0";

  /** A cached lookup by environment. */
  private static final class Entry {
    final Prompt prompt;
    final long fetchedNanos;
    final long freshNanos;
    final AtomicBoolean refreshing = new AtomicBoolean();

    Entry(Prompt prompt, long fetchedNanos, long freshNanos) {
      this.prompt = prompt;
      this.fetchedNanos = fetchedNanos;
      this.freshNanos = freshNanos;
    }

    boolean fresh(long now) {
      return now - fetchedNanos < freshNanos;
    }
  }

  private final PromptOpsClient client;
  private final PromptOpsClient reportClient;
  private final String project;
  private final String environment;
  private final String application;
  private final String instanceId;
  private final long ttlNanos;
  private final long retryNanos;
  private final Snapshot snapshot;
  private final Reporter reporter;
  private final Clock clock;
  private final ExecutorService refreshes;
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Entry>> byEnvironment =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, Prompt>> byVersion =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Component> components = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Object> loading = new ConcurrentHashMap<>();

  private PromptOps(Builder b) {
    this.project = b.project;
    this.environment = b.environment;
    this.application = b.application;
    this.instanceId = b.instanceId != null ? b.instanceId : defaultInstanceId(b.application);
    this.ttlNanos = b.cacheTtl.toNanos();
    this.retryNanos = b.retryEvery.toNanos();
    this.snapshot = b.snapshot;
    this.clock = b.clock;
    this.client =
        PromptOpsClient.builder(b.server)
            .apiKey(b.apiKey)
            .connectTimeout(b.connectTimeout)
            .requestTimeout(b.requestTimeout)
            .build();
    this.reportClient =
        PromptOpsClient.builder(b.server)
            .apiKey(b.apiKey)
            .connectTimeout(b.connectTimeout)
            .requestTimeout(b.reportTimeout)
            .build();
    ObjectNode instance = Json.object();
    instance.put("id", instanceId);
    instance.put("application", application);
    instance.put("host", host());
    instance.put("sdk", SDK);
    instance.put("startedAt", clock.instant().toString());
    this.reporter =
        new Reporter(
            instance,
            report -> reportClient.reportUsage(project, report),
            b.maxReportKeys,
            b.reportEvery,
            b.heartbeat,
            b.reporting);
    this.refreshes =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("promptops-refresh-", 0).factory());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** This instance's id, as reported ({@code application-random} unless set). */
  public String instanceId() {
    return instanceId;
  }

  public String project() {
    return project;
  }

  /** The default environment; null when none was configured. */
  public String environment() {
    return environment;
  }

  /**
   * The version deployed to the default environment.
   *
   * @throws InvalidInputException when no default environment was configured
   * @throws PromptOpsException {@code NOT_FOUND} when nothing is deployed there; {@code
   *     UNAVAILABLE} when the server cannot be reached and neither the cache nor the snapshot has
   *     it
   */
  public Prompt get(String name) {
    if (environment == null) {
      throw new InvalidInputException(
          "no_environment",
          "no environment to resolve " + name + " in",
          "set one with PromptOps.builder().environment(\"production\"), or call get(name, env)");
    }
    return get(name, environment);
  }

  /** The version deployed to {@code environment}: cached, refreshed, or from the snapshot. */
  public Prompt get(String name, String environment) {
    if (environment == null) {
      throw new InvalidInputException(
          "no_environment",
          "no environment to resolve " + name + " in",
          "pass an environment, e.g. get(name, \"production\")");
    }
    ConcurrentHashMap<String, Entry> cache = byEnvironment.get(environment);
    Entry e = cache == null ? null : cache.get(name);
    if (e != null) {
      long now = System.nanoTime();
      if (e.fresh(now)) {
        return e.prompt;
      }
      if (ttlNanos > 0) {
        if (e.refreshing.compareAndSet(false, true)) {
          try {
            refreshes.execute(() -> refresh(name, environment, e));
          } catch (java.util.concurrent.RejectedExecutionException closed) {
            e.refreshing.set(false); // closed: keep serving what is cached
          }
        }
        return e.prompt;
      }
    }
    return load(name, environment);
  }

  /** An exact version: fetched once, cached for good (it never changes). */
  public Prompt version(String name, int version) {
    ConcurrentHashMap<Integer, Prompt> versions = byVersion.get(name);
    Prompt cached = versions == null ? null : versions.get(version);
    if (cached != null) {
      return cached;
    }
    Prompt p;
    try {
      PromptVersion v = client.version(project, name, version);
      p = fromServer(v, null);
    } catch (PromptOpsException e) {
      Optional<Snapshot.Entry> s = unreachable(e) ? snapshot.find(name) : Optional.empty();
      if (s.isEmpty() || s.get().version() != version) {
        throw e;
      }
      // a snapshot entry served by exact version is not cached: the server is asked next time
      return fromSnapshot(s.get(), null);
    }
    byVersion.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).putIfAbsent(version, p);
    return byVersion.get(name).get(version);
  }

  /**
   * A prompt the application holds itself (a file it ships, a string in code), served in the
   * default environment under {@code name}: rendered like any other and reported by its digest, so
   * that the drift engine tells whether it is a registered version (and which) or {@code unknown}.
   */
  public Prompt local(String name, String source) {
    PromptFile file = PromptFile.parse(source, name);
    var compiled = Dotprompt.compile(file, name, Partials.none());
    String digest = PromptDigest.of(file, List.of());
    return new Prompt(
        this,
        name,
        0,
        digest,
        environment,
        Prompt.Origin.LOCAL,
        source,
        List.of(),
        compiled,
        clock.instant(),
        reporter.use(name, environment, 0, digest, false));
  }

  /**
   * Asks the server now for every cached lookup by environment (conditionally) and waits: when it
   * returns, each lookup serves what the server answered (or, for a server that cannot be reached,
   * what it served before).
   */
  public void refresh() {
    byEnvironment.forEach(
        (env, cache) ->
            cache.forEach(
                (name, e) -> {
                  e.refreshing.set(true); // no background refresh of it starts meanwhile
                  refresh(name, env, e);
                }));
  }

  /** Forgets every cached lookup by environment: the next get asks the server. */
  public void invalidate() {
    byEnvironment.clear();
  }

  /** Forgets the cached lookups of one prompt. */
  public void invalidate(String name) {
    byEnvironment.values().forEach(cache -> cache.remove(name));
  }

  /** Sends the usage report now (normally sent in the background); whether the server took it. */
  public boolean flushReport() {
    return reporter.flush(true);
  }

  /** Uses not reported because the bounded table of keys was full. */
  public long droppedUses() {
    return reporter.dropped();
  }

  /** The client the SDK talks to the server with, for what the SDK does not wrap. */
  public PromptOpsClient client() {
    return client;
  }

  RunResult execute(Prompt prompt, RenderData data, Consumer<String> onDelta) {
    if (prompt.origin() == Prompt.Origin.LOCAL) {
      throw new InvalidInputException(
          "local_prompt",
          "prompt " + prompt.name() + " is local: the server cannot run a version it does not know",
          "push it, deploy it and get it from the registry, or render it and call the model"
              + " yourself");
    }
    return client.run(
        project, prompt.name(), new Selector.Version(prompt.version()), data, null, onDelta);
  }

  /** A synchronous lookup: one per key at a time; the others wait for it and take its answer. */
  private Prompt load(String name, String environment) {
    Object lock = loading.computeIfAbsent(environment + '\n' + name, k -> new Object());
    synchronized (lock) {
      ConcurrentHashMap<String, Entry> cache =
          byEnvironment.computeIfAbsent(environment, k -> new ConcurrentHashMap<>());
      Entry e = cache.get(name);
      if (e != null && e.fresh(System.nanoTime())) {
        return e.prompt;
      }
      Entry next = fetch(name, environment, e);
      cache.put(name, next);
      return next.prompt;
    }
  }

  private void refresh(String name, String environment, Entry e) {
    try {
      Entry next = fetch(name, environment, e);
      byEnvironment
          .computeIfAbsent(environment, k -> new ConcurrentHashMap<>())
          .replace(name, e, next);
    } catch (RuntimeException x) {
      LOG.log(
          System.Logger.Level.WARNING, "refreshing " + name + " in " + environment + " failed", x);
      e.refreshing.set(false);
    }
  }

  /**
   * Asks the server; on an unreachable server keeps what {@code current} holds (asking again after
   * {@code retryEvery}) or falls back on the snapshot.
   */
  private Entry fetch(String name, String environment, Entry current) {
    long now = System.nanoTime();
    Selector env = new Selector.Env(environment);
    try {
      if (current != null && current.prompt.origin() == Prompt.Origin.SERVER) {
        Optional<Resolution> changed =
            client.resolveIfChanged(project, name, env, current.prompt.digest());
        if (changed.isEmpty()) {
          return new Entry(current.prompt, now, ttlNanos);
        }
        return new Entry(fromServer(changed.get().version(), environment), now, ttlNanos);
      }
      PromptVersion v = client.resolve(project, name, env).version();
      return new Entry(fromServer(v, environment), now, ttlNanos);
    } catch (PromptOpsException x) {
      if (!unreachable(x)) {
        throw x;
      }
      if (current != null) {
        LOG.log(
            System.Logger.Level.WARNING,
            "serving " + current.prompt + " from the cache: " + x.getMessage());
        return new Entry(current.prompt, now, retryNanos);
      }
      Optional<Snapshot.Entry> s =
          Objects.equals(snapshot.environment(), environment)
              ? snapshot.find(name)
              : Optional.empty();
      if (s.isEmpty()) {
        throw x;
      }
      Prompt p = fromSnapshot(s.get(), environment);
      LOG.log(System.Logger.Level.WARNING, "serving " + p + ": " + x.getMessage());
      return new Entry(p, now, retryNanos);
    }
  }

  private static boolean unreachable(PromptOpsException e) {
    return e.kind() == ErrorKind.UNAVAILABLE || e.kind() == ErrorKind.INTERNAL;
  }

  private Prompt fromServer(PromptVersion v, String environment) {
    Assembly.Result a = Assembly.compile(v.ref(), v.source(), v.components(), this::component);
    return new Prompt(
        this,
        v.prompt(),
        v.version(),
        a.digest(),
        environment,
        Prompt.Origin.SERVER,
        v.source(),
        v.components(),
        a.prompt(),
        clock.instant(),
        reporter.use(v.prompt(), environment, v.version(), a.digest(), false));
  }

  private Prompt fromSnapshot(Snapshot.Entry s, String environment) {
    Map<String, Component> held = s.components();
    Assembly.Result a =
        Assembly.compile(
            s.name() + "@" + s.version(),
            s.source(),
            s.pins(),
            pin -> {
              Component c = held.get(pin.name() + "@" + pin.version());
              if (c == null) {
                throw new InvalidInputException(
                    "invalid_snapshot",
                    "the snapshot's "
                        + s.name()
                        + " pins "
                        + pin.name()
                        + "@"
                        + pin.version()
                        + ", which it does not hold",
                    "write it again with promptops export");
              }
              return c;
            });
    return new Prompt(
        this,
        s.name(),
        s.version(),
        a.digest(),
        environment,
        Prompt.Origin.SNAPSHOT,
        s.source(),
        s.pins(),
        a.prompt(),
        clock.instant(),
        reporter.use(s.name(), environment, s.version(), a.digest(), true));
  }

  /** A component version by exact version: fetched once. */
  private Component component(ComponentPin pin) {
    String key = pin.name() + "@" + pin.version();
    Component c = components.get(key);
    if (c != null) {
      return c;
    }
    PromptVersion v = client.version(project, pin.name(), pin.version());
    c = new Component(v.prompt(), v.version(), v.digest(), v.source(), v.components());
    components.putIfAbsent(key, c);
    return c;
  }

  private static String defaultInstanceId(String application) {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return application + "-" + HexFormat.of().formatHex(random);
  }

  private static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  /**
   * Sends the last usage report (waiting at most {@code reportTimeout}) and releases the
   * connections; requests still in flight fail rather than hold the application's shutdown.
   */
  @Override
  public void close() {
    reporter.close();
    refreshes.shutdownNow();
    client.closeNow();
    reportClient.closeNow();
  }

  /** Configures the SDK; the server and the project are required. */
  public static final class Builder {
    private String server;
    private String apiKey;
    private String project;
    private String environment;
    private String application = "java";
    private String instanceId;
    private Duration cacheTtl = Duration.ofSeconds(60);
    private Duration retryEvery = Duration.ofSeconds(5);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(5);
    private Duration reportTimeout = Duration.ofSeconds(5);
    private Duration reportEvery = Duration.ofSeconds(10);
    private Duration heartbeat = Duration.ofSeconds(60);
    private int maxReportKeys = 10_000;
    private boolean reporting = true;
    private Snapshot snapshot = Snapshot.none();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Takes what the process environment sets: {@code PROMPTOPS_URL} (the server), {@code
     * PROMPTOPS_API_KEY}, {@code PROMPTOPS_PROJECT}, {@code PROMPTOPS_ENVIRONMENT}, {@code
     * PROMPTOPS_APPLICATION} and {@code PROMPTOPS_INSTANCE_ID} (the CLI's names, plus three); what
     * is unset keeps its value. Calls after this one override it.
     */
    public Builder fromEnvironment() {
      return fromEnvironment(System.getenv());
    }

    Builder fromEnvironment(Map<String, String> env) {
      java.util.function.BiConsumer<String, java.util.function.Consumer<String>> take =
          (name, set) -> {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
              set.accept(v.strip());
            }
          };
      take.accept("PROMPTOPS_URL", this::server);
      take.accept("PROMPTOPS_API_KEY", this::apiKey);
      take.accept("PROMPTOPS_PROJECT", this::project);
      take.accept("PROMPTOPS_ENVIRONMENT", this::environment);
      take.accept("PROMPTOPS_APPLICATION", this::application);
      take.accept("PROMPTOPS_INSTANCE_ID", this::instanceId);
      return this;
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:7070}. */
    public Builder server(String url) {
      this.server = url;
      return this;
    }

    /** A key that can read the project (sent as {@code Authorization: Bearer}). */
    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    public Builder project(String project) {
      this.project = project;
      return this;
    }

    /** The environment {@link #get(String)} resolves in. */
    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    /** The application's name, reported with each instance (default {@code java}). */
    public Builder application(String application) {
      this.application = Objects.requireNonNull(application, "application");
      return this;
    }

    /** This instance's id (default: the application's name and a random suffix). */
    public Builder instanceId(String id) {
      this.instanceId = id;
      return this;
    }

    /** How long a lookup by environment is served from the cache (default 60 s; 0: never). */
    public Builder cacheTtl(Duration ttl) {
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("cacheTtl must not be negative: " + ttl);
      }
      this.cacheTtl = ttl;
      return this;
    }

    /** How often the server is asked again while it cannot be reached (default 5 s). */
    public Builder retryEvery(Duration every) {
      this.retryEvery = positive(every, "retryEvery");
      return this;
    }

    /** How long to wait for a connection (default 2 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long a lookup waits for the server before falling back (default 5 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** How often uses are reported (default 10 s), and a heartbeat at least every 60 s. */
    public Builder reportEvery(Duration every) {
      this.reportEvery = positive(every, "reportEvery");
      this.heartbeat = every.compareTo(heartbeat) > 0 ? every : heartbeat;
      return this;
    }

    /** How long a report may take before it is given up and kept for the next (default 5 s). */
    public Builder reportTimeout(Duration timeout) {
      this.reportTimeout = positive(timeout, "reportTimeout");
      return this;
    }

    /** How many distinct (prompt, environment, version, digest) keys are tracked (10 000). */
    public Builder maxReportKeys(int keys) {
      if (keys < 1) {
        throw new IllegalArgumentException("maxReportKeys must be positive: " + keys);
      }
      this.maxReportKeys = keys;
      return this;
    }

    /** Whether to report in the background (default true; false: only {@link #flushReport}). */
    public Builder reporting(boolean on) {
      this.reporting = on;
      return this;
    }

    /** What to serve when the server cannot be reached and nothing is cached. */
    public Builder snapshot(Snapshot snapshot) {
      this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * @throws InvalidInputException when the server or the project is missing, or the snapshot is
     *     of another project
     */
    public PromptOps build() {
      if (server == null || server.isBlank()) {
        throw new InvalidInputException(
            "no_server", "no PromptOps server given", "set PromptOps.builder().server(URL)");
      }
      if (project == null || project.isBlank()) {
        throw new InvalidInputException(
            "no_project", "no project given", "set PromptOps.builder().project(NAME)");
      }
      if (snapshot.project() != null && !snapshot.project().equals(project)) {
        throw new InvalidInputException(
            "snapshot_mismatch",
            "the snapshot is of project " + snapshot.project() + ", not " + project,
            "export the snapshot of project " + project);
      }
      return new PromptOps(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }
  }
}
