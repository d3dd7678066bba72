package dev.promptops.core.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The convergence of one deployment to an environment: which active instances already serve its
 * digest ({@code converged}) and which do not yet ({@code lagging}, each as {@code instance: what
 * it serves}).
 *
 * @param took from the deployment to the first use of the new digest by the last instance to
 *     converge; null until confirmed
 */
public record Confirmation(
    long deploymentId,
    String project,
    String environment,
    String prompt,
    int version,
    String digest,
    Instant deployedAt,
    State state,
    List<String> converged,
    List<Lagging> lagging,
    Instant checkedAt,
    Instant confirmedAt,
    Duration took) {

  public enum State {
    /** Not every active instance serves the new digest yet (or none has reported it). */
    PENDING,
    /** Every active instance serves the new digest. */
    CONFIRMED,
    /** Another deployment moved the pin before this one was confirmed. */
    SUPERSEDED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State fromWire(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  /** An instance that does not serve the deployment's digest yet, and what it serves instead. */
  public record Lagging(String instance, String digest, Integer version, boolean fallback) {}

  public Confirmation {
    converged = List.copyOf(converged);
    lagging = List.copyOf(lagging);
  }

  public Confirmation with(
      State newState,
      List<String> nowConverged,
      List<Lagging> nowLagging,
      Instant at,
      Instant confirmed,
      Duration tookTime) {
    return new Confirmation(
        deploymentId,
        project,
        environment,
        prompt,
        version,
        digest,
        deployedAt,
        newState,
        nowConverged,
        nowLagging,
        at,
        confirmed,
        tookTime);
  }
}
