package dev.promptops.server;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditCheckpoints;
import dev.promptops.core.audit.AuditSigningKey;
import dev.promptops.core.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Signs a checkpoint of the audit log's head every {@value #MINUTES_ENV} minutes (default {@value
 * #DEFAULT_MINUTES}; 0: never) when entries were appended since the last one, and once more when
 * the server stops. With several servers on one database the period's checkpoint is a job claimed
 * from the database ({@link BackgroundJobs}), so one of them signs it. {@link AuditCheckpoints}
 * also signs every {@value #ENTRIES_ENV}-th entry (default {@value AuditCheckpoints#DEFAULT_EVERY};
 * 0: never).
 */
final class AuditCheckpointTimer implements AutoCloseable {
  static final String ENTRIES_ENV = "PROMPTOPS_AUDIT_CHECKPOINT_ENTRIES";
  static final String MINUTES_ENV = "PROMPTOPS_AUDIT_CHECKPOINT_MINUTES";
  static final int DEFAULT_MINUTES = 60;
  private static final System.Logger LOG = System.getLogger(AuditCheckpointTimer.class.getName());

  /** The name of the periodic checkpoint among the server's jobs. */
  static final String JOB = "audit.checkpoint";

  private static final Duration LEASE = Duration.ofMinutes(5);

  private final Store store;
  private final AuditCheckpoints checkpoints;
  private final int minutes;

  private AuditCheckpointTimer(Store store, AuditCheckpoints checkpoints, int minutes) {
    this.store = store;
    this.checkpoints = checkpoints;
    this.minutes = minutes;
  }

  /** The checkpoints policy of {@code env}. */
  static AuditCheckpoints checkpoints(AuditSigningKey key, Map<String, String> env, Clock clock) {
    return new AuditCheckpoints(
        key, setting(env, ENTRIES_ENV, AuditCheckpoints.DEFAULT_EVERY), clock);
  }

  /**
   * A timer with the period of {@code env} (refused at once when malformed); its job runs once
   * {@link #start} schedules it.
   */
  static AuditCheckpointTimer of(
      Store store, AuditCheckpoints checkpoints, Map<String, String> env) {
    return new AuditCheckpointTimer(store, checkpoints, setting(env, MINUTES_ENV, DEFAULT_MINUTES));
  }

  /** Schedules the periodic checkpoint among {@code jobs} (none when the period is 0). */
  AuditCheckpointTimer start(BackgroundJobs jobs) {
    if (minutes > 0) {
      jobs.schedule(
          new BackgroundJobs.Job(JOB, Duration.ofMinutes(minutes), LEASE, this::checkpoint));
    }
    return this;
  }

  private void checkpoint() {
    try {
      checkpoints
          .checkpoint(store)
          .ifPresent(c -> LOG.log(System.Logger.Level.DEBUG, "signed audit " + c.describe()));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not sign an audit checkpoint", e);
    }
  }

  /**
   * Signs the head a last time, so the tail is covered while stopped (the jobs stop first). With
   * several servers, a head another one signed already is not signed again.
   */
  @Override
  public void close() {
    checkpoint();
  }

  private static int setting(Map<String, String> env, String name, int fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        "invalid_audit_checkpoint_setting",
        name + " must be a whole number, 0 or more: " + text,
        "e.g. " + name + "=" + fallback + "; 0 turns this kind of checkpoint off");
  }
}
