package dev.promptops.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Periodic background work shared by every server instance on one database: each run of a job is
 * claimed here, so it happens once whichever instances are up, and a run whose instance died is
 * taken over once its lease lapses.
 */
public interface JobRepository {
  /** What the database knows of a job: when it is due, who holds it, how its runs went. */
  record Job(
      String name,
      Instant nextRunAt,
      String leaseOwner,
      Instant leaseUntil,
      long runs,
      String lastOwner,
      Instant lastStartedAt,
      Instant lastFinishedAt,
      String lastError) {}

  /**
   * Claims the run of {@code job} that is due (its next run at or before {@code now}, and no lease
   * or a lapsed one) for {@code worker}: holds it under a lease until {@code now + lease} and moves
   * the next run to {@code now + every}. A job not seen before is due at once. False when the run
   * is not due or someone else holds it.
   */
  boolean claim(String job, String worker, Instant now, Duration every, Duration lease);

  /**
   * Ends the run {@code worker} holds: releases the lease and records when it ended and its error
   * (null when it succeeded). False when the worker holds it no more (the lease lapsed and someone
   * else took over).
   */
  boolean finish(String job, String worker, Instant now, String error);

  /** Every job, by name. */
  List<Job> list();
}
