package dev.promptops.server;

import dev.promptops.core.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Periodic work that must happen once per period across every server instance on the database
 * (drift evaluation, pruning, audit checkpoints): each instance polls, and runs a job only when it
 * claims the due run from the database ({@code JobRepository}). A run whose instance dies is taken
 * over by another once its lease lapses; a run that fails is recorded with its error, and the job
 * is due again after its period like any other.
 */
final class BackgroundJobs implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BackgroundJobs.class.getName());
  private static final long MAX_POLL_MS = 1000;

  /** One job: its name in the database, its period, how long a run may hold it, and its work. */
  record Job(String name, Duration every, Duration lease, Runnable work) {
    Job {
      Objects.requireNonNull(name, "name");
      if (every.isNegative() || every.isZero() || lease.isNegative() || lease.isZero()) {
        throw new IllegalArgumentException("a job's period and lease must be positive: " + name);
      }
    }
  }

  private final Store store;
  private final String worker;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  BackgroundJobs(Store store, String worker, Clock clock) {
    this.store = store;
    this.worker = worker;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("promptops-jobs").factory());
  }

  /** Polls for {@code job} from now on: as often as it is due, at least once a second. */
  BackgroundJobs schedule(Job job) {
    long poll = Math.max(10, Math.min(MAX_POLL_MS, job.every().toMillis()));
    timer.scheduleWithFixedDelay(() -> tick(job), poll, poll, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Runs {@code job} when its run is due and this instance claims it; true when it ran. */
  boolean tick(Job job) {
    boolean claimed;
    try {
      claimed =
          store.write(
              tx -> tx.jobs().claim(job.name(), worker, clock.instant(), job.every(), job.lease()));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not claim job " + job.name(), e);
      return false;
    }
    if (!claimed) {
      return false;
    }
    String error = null;
    try {
      job.work().run();
    } catch (RuntimeException e) {
      error = String.valueOf(e.getMessage());
      LOG.log(System.Logger.Level.WARNING, "job " + job.name() + " failed", e);
    }
    String failure = error;
    try {
      if (!store.write(tx -> tx.jobs().finish(job.name(), worker, clock.instant(), failure))) {
        LOG.log(
            System.Logger.Level.WARNING,
            "job " + job.name() + " outlived its lease of " + job.lease() + "; raise the lease");
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not record the end of job " + job.name(), e);
    }
    return true;
  }

  /** Stops polling; a run in progress ends first (for up to ten seconds). */
  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
