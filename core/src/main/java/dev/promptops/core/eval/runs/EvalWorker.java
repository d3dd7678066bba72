package dev.promptops.core.eval.runs;

import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs queued evaluations in the background, one at a time per worker: claims a run from the
 * database (so of several servers on one database each run goes to one), keeps its lease alive
 * while it runs, and checks now and then whether someone cancelled it. A run whose worker died is
 * claimed again once its lease lapses and goes on from its stored results; on a graceful stop the
 * worker hands its run back at once.
 */
public final class EvalWorker implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EvalWorker.class.getName());

  private final Store store;
  private final EvalRunner runner;
  private final Clock clock;
  private final Duration lease;
  private final Duration idle;
  private final String name;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final ScheduledExecutorService timers =
      new ScheduledThreadPoolExecutor(
          1,
          r -> {
            Thread t = new Thread(r, "promptops-eval-lease");
            t.setDaemon(true);
            return t;
          });
  private final Object wake = new Object();
  private Thread thread;

  EvalWorker(Store store, EvalRunner runner, Clock clock, Duration lease, Duration idle) {
    this.store = store;
    this.runner = runner;
    this.clock = clock;
    this.lease = lease;
    this.idle = idle;
    this.name = "worker-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public String name() {
    return name;
  }

  /** Starts polling for queued runs on a thread of its own. */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = Thread.ofVirtual().name("promptops-eval-" + name).start(this::loop);
  }

  /** Wakes the worker now (a run was just queued) instead of at its next poll. */
  public void nudge() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  private void loop() {
    while (!stopping.get()) {
      boolean ran;
      try {
        ran = runOnce();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "evaluation worker " + name + ": " + e.getMessage(), e);
        ran = false;
      }
      if (!ran) {
        synchronized (wake) {
          if (stopping.get()) {
            return;
          }
          try {
            wake.wait(idle.toMillis());
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  /** Claims and runs one run; false when none was waiting. */
  boolean runOnce() {
    Optional<EvalRun> claimed =
        store.write(
            tx ->
                tx.evals()
                    .claim(
                        name,
                        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                        lease));
    if (claimed.isEmpty()) {
      return false;
    }
    EvalRun run = claimed.get();
    LOG.info("evaluation " + run.id() + " of " + run.project() + " claimed by " + name);
    var cancelled = new CancelCheck(run);
    ScheduledFuture<?> renewal =
        timers.scheduleAtFixedRate(
            () -> renew(run), lease.toMillis() / 3, lease.toMillis() / 3, TimeUnit.MILLISECONDS);
    try {
      var status = runner.execute(run, stopping::get, cancelled::get);
      if (status == null) {
        store.write(
            tx ->
                tx.evals()
                    .renew(
                        run.id(),
                        name,
                        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        LOG.info("evaluation " + run.id() + " handed back: the server is stopping");
      } else {
        LOG.info("evaluation " + run.id() + " " + status.wireName());
      }
    } finally {
      renewal.cancel(false);
    }
    return true;
  }

  private void renew(EvalRun run) {
    try {
      store.write(
          tx ->
              tx.evals()
                  .renew(
                      run.id(),
                      name,
                      clock
                          .instant()
                          .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                          .plus(lease)));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot renew the lease of evaluation " + run.id(), e);
    }
  }

  /** Whether a run was cancelled, read from the database at most once a second. */
  private final class CancelCheck {
    private final EvalRun run;
    private volatile Instant checked = Instant.EPOCH;
    private volatile boolean cancelled;

    CancelCheck(EvalRun run) {
      this.run = run;
    }

    boolean get() {
      Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      if (!cancelled && Duration.between(checked, now).toMillis() >= 1000) {
        checked = now;
        cancelled =
            store
                .read(tx -> tx.evals().find(run.project(), run.id()))
                .map(EvalRun::cancelRequested)
                .orElse(true);
      }
      return cancelled;
    }
  }

  /** Stops: the run in progress is handed back (or ends, if cancelled); waits for that. */
  @Override
  public void close() {
    stopping.set(true);
    nudge();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    timers.shutdownNow();
  }
}
