package dev.promptops.server;

import dev.promptops.core.drift.Drift;
import dev.promptops.core.drift.DriftSchedules;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's drift background work: evaluates drift on its own every {@code
 * PROMPTOPS_DRIFT_EVERY} (so a stale instance opens an incident once the grace has passed, and an
 * instance that stopped reporting drops out of convergence, with no report to trigger it), starts
 * due behavioural schedules (each claimed from the database, so one server starts it), and prunes
 * old reports hourly. Evaluation and pruning are jobs claimed from the database ({@link
 * BackgroundJobs}): with several servers on one database each period's run happens on one of them.
 */
final class DriftMonitor implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DriftMonitor.class.getName());
  private static final long SCHEDULE_POLL_MS = 1000;
  static final String EVALUATE_JOB = "drift.evaluate";
  static final String PRUNE_JOB = "drift.prune";

  private final Drift drift;
  private final DriftSchedules schedules;
  private final String worker;
  private final ScheduledExecutorService timer;

  DriftMonitor(Drift drift, DriftSchedules schedules, String worker) {
    this.drift = drift;
    this.schedules = schedules;
    this.worker = worker;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("promptops-drift").factory());
  }

  DriftMonitor start(BackgroundJobs jobs) {
    Duration every = Duration.ofMillis(Math.max(50, drift.settings().every().toMillis()));
    Duration lease = every.multipliedBy(10);
    jobs.schedule(
        new BackgroundJobs.Job(
            EVALUATE_JOB,
            every,
            lease.compareTo(Duration.ofMinutes(2)) < 0 ? Duration.ofMinutes(2) : lease,
            this::evaluate));
    jobs.schedule(
        new BackgroundJobs.Job(
            PRUNE_JOB, Duration.ofHours(1), Duration.ofMinutes(10), this::prune));
    timer.scheduleWithFixedDelay(
        this::schedule, SCHEDULE_POLL_MS, SCHEDULE_POLL_MS, TimeUnit.MILLISECONDS);
    return this;
  }

  private void evaluate() {
    try {
      drift.evaluateAll();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "drift evaluation failed", e);
    }
  }

  private void schedule() {
    try {
      for (int i = 0; i < 100 && schedules.tick(worker).isPresent(); i++) {
        // start every due schedule, up to a bound per poll
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not start a scheduled drift run", e);
    }
  }

  private void prune() {
    try {
      int removed = drift.prune();
      if (removed > 0) {
        LOG.log(System.Logger.Level.DEBUG, "pruned " + removed + " old drift reports");
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not prune drift reports", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
