package dev.promptops.core.store;

import dev.promptops.core.drift.Confirmation;
import dev.promptops.core.drift.Incident;
import dev.promptops.core.drift.InstanceInfo;
import dev.promptops.core.drift.Schedule;
import dev.promptops.core.drift.Served;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What instances report they serve, drift incidents, deployment confirmations and schedules. */
public interface DriftRepository {

  /**
   * Records a report of an instance: creates it or updates what it says about itself, counts the
   * report, and moves its last sighting to {@code at}.
   */
  void touchInstance(String project, InstanceInfo instance, Instant at);

  /** Adds uses to what an instance served (rows are per environment, prompt, digest, fallback). */
  void addServed(String project, List<Served> served);

  /** The instances of a project that reported at or after {@code since}, latest first. */
  List<InstanceInfo> instances(String project, Instant since);

  /** What was served in a project with a last use at or after {@code since}. */
  List<Served> served(String project, Instant since);

  /** Removes what was last served before {@code before}, and instances silent since; how many. */
  int prune(Instant before);

  /** The next incident number of a project. */
  int nextIncidentNumber(String project);

  void insertIncident(Incident incident);

  /** Replaces an incident by its number; false when there is none. */
  boolean updateIncident(Incident incident);

  Optional<Incident> incident(String project, int number);

  /** The incidents not resolved yet, oldest first. */
  List<Incident> unresolved(String project);

  /** Incidents newest first; {@code state} null means every state. */
  List<Incident> incidents(String project, String state, String environment, int limit);

  /** Unresolved incidents of every project by kind (for metrics). */
  java.util.Map<String, Integer> unresolvedByKind();

  void insertConfirmation(Confirmation confirmation);

  void updateConfirmation(Confirmation confirmation);

  Optional<Confirmation> confirmation(long deploymentId);

  /** The pending confirmations of a project, oldest first. */
  List<Confirmation> pending(String project);

  /** Confirmations newest first; prompt and environment optional (null). */
  List<Confirmation> confirmations(String project, String prompt, String environment, int limit);

  /** The projects with something to evaluate: recent reports, pending confirmations, incidents. */
  List<String> activeProjects(Instant since);

  /** Creates or replaces a schedule (keeping its lease and last run). */
  void putSchedule(Schedule schedule);

  /** Removes the schedules of a project not in {@code keep} (suite + environment); how many. */
  int retainSchedules(String project, List<Schedule> keep);

  List<Schedule> schedules(String project);

  /**
   * Claims the schedule due longest (next run at or before {@code now}, with no lease or an expired
   * one) for {@code worker}, under a lease until {@code now + lease}.
   */
  Optional<Schedule> claimSchedule(String worker, Instant now, Duration lease);

  /** Moves a claimed schedule on: its next run, the run it started; releases the lease. */
  boolean scheduled(Schedule schedule, String worker, Instant nextRunAt, String runId);
}
