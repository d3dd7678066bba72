package dev.promptops.core.eval;

import java.util.Locale;

/** Where a stored evaluation run is in its life. */
public enum EvalStatus {
  /** Waiting for a worker. */
  QUEUED,
  /** Claimed by a worker, which holds a lease on it. */
  RUNNING,
  /** Every case ran; the report holds the gate's verdict. */
  FINISHED,
  /** Stopped before every case ran (cancelled, or the server stopped); it can be resumed. */
  INTERRUPTED,
  /** Could not run (a bad suite, a prompt that does not resolve); {@code error} says why. */
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EvalStatus of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }

  /** True when nothing more will happen to the run by itself. */
  public boolean ended() {
    return this == FINISHED || this == INTERRUPTED || this == FAILED;
  }
}
