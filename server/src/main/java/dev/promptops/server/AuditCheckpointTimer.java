package dev.promptops.server;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditCheckpoints;
import dev.promptops.core.audit.AuditSigningKey;
import dev.promptops.core.store.Store;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signs a checkpoint of the audit log's head every {@value #MINUTES_ENV} minutes (default {@value
 * #DEFAULT_MINUTES}; 0: never) when entries were appended since the last one, and once more when
 * the server stops. {@link AuditCheckpoints} also signs every {@value #ENTRIES_ENV}-th entry
 * (default {@value AuditCheckpoints#DEFAULT_EVERY}; 0: never).
 */
final class AuditCheckpointTimer implements AutoCloseable {
  static final String ENTRIES_ENV = "PROMPTOPS_AUDIT_CHECKPOINT_ENTRIES";
  static final String MINUTES_ENV = "PROMPTOPS_AUDIT_CHECKPOINT_MINUTES";
  static final int DEFAULT_MINUTES = 60;
  private static final System.Logger LOG = System.getLogger(AuditCheckpointTimer.class.getName());

  private final Store store;
  private final AuditCheckpoints checkpoints;
  private final ScheduledExecutorService timer;

  private AuditCheckpointTimer(
      Store store, AuditCheckpoints checkpoints, ScheduledExecutorService timer) {
    this.store = store;
    this.checkpoints = checkpoints;
    this.timer = timer;
  }

  /** The checkpoints policy of {@code env}. */
  static AuditCheckpoints checkpoints(AuditSigningKey key, Map<String, String> env, Clock clock) {
    return new AuditCheckpoints(
        key, setting(env, ENTRIES_ENV, AuditCheckpoints.DEFAULT_EVERY), clock);
  }

  /** Starts the timer of {@code env}. */
  static AuditCheckpointTimer start(
      Store store, AuditCheckpoints checkpoints, Map<String, String> env) {
    int minutes = setting(env, MINUTES_ENV, DEFAULT_MINUTES);
    if (minutes == 0) {
      return new AuditCheckpointTimer(store, checkpoints, null);
    }
    var timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("promptops-audit-checkpoints").factory());
    var started = new AuditCheckpointTimer(store, checkpoints, timer);
    timer.scheduleWithFixedDelay(started::checkpoint, minutes, minutes, TimeUnit.MINUTES);
    return started;
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

  /** Stops the timer and signs the head a last time, so the tail is covered while stopped. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
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
