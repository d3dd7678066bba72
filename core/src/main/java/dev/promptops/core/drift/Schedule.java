package dev.promptops.core.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Behavioural drift: re-run the registered suite {@code suite} against the versions deployed in
 * {@code environment} every {@code every}; when a run's mean score falls more than {@code margin}
 * below the score recorded at deployment, an incident opens.
 *
 * @param lastRun the id of the run the schedule started last, or null
 */
public record Schedule(
    String project,
    String suite,
    String environment,
    Duration every,
    double margin,
    Instant nextRunAt,
    String lastRun,
    Instant updatedAt,
    String updatedBy) {

  public Schedule {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(nextRunAt, "nextRunAt");
  }
}
