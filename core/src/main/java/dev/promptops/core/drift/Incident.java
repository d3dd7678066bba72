package dev.promptops.core.drift;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A drift incident: in {@code environment}, {@code prompt} is served as {@code digest} by {@code
 * instances} while {@code expectedDigest} is what is deployed (null when nothing is).
 *
 * @param number numbered per project from 1
 * @param version the registered version of {@code digest}, or null when it is not registered
 * @param message what happened, in a sentence a person on call can act on
 */
public record Incident(
    String project,
    int number,
    String environment,
    String prompt,
    IncidentKind kind,
    String digest,
    Integer version,
    String expectedDigest,
    Integer expectedVersion,
    List<String> instances,
    String message,
    IncidentState state,
    Instant openedAt,
    Instant updatedAt,
    Instant resolvedAt,
    String acknowledgedBy,
    Instant acknowledgedAt,
    String note) {

  public Incident {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digest, "digest");
    instances = List.copyOf(instances);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(state, "state");
  }

  /** The key of an unresolved incident: one per environment, prompt, kind and digest. */
  public record Key(String environment, String prompt, IncidentKind kind, String digest) {}

  public Key key() {
    return new Key(environment, prompt, kind, digest);
  }

  public boolean resolved() {
    return state == IncidentState.RESOLVED;
  }

  /** This incident with other instances and message, updated at {@code at}. */
  public Incident withFindings(List<String> newInstances, String newMessage, Instant at) {
    return new Incident(
        project,
        number,
        environment,
        prompt,
        kind,
        digest,
        version,
        expectedDigest,
        expectedVersion,
        newInstances,
        newMessage,
        state,
        openedAt,
        at,
        resolvedAt,
        acknowledgedBy,
        acknowledgedAt,
        note);
  }

  public Incident resolve(Instant at) {
    return new Incident(
        project,
        number,
        environment,
        prompt,
        kind,
        digest,
        version,
        expectedDigest,
        expectedVersion,
        instances,
        message,
        IncidentState.RESOLVED,
        openedAt,
        at,
        at,
        acknowledgedBy,
        acknowledgedAt,
        note);
  }

  public Incident acknowledge(String who, String byNote, Instant at) {
    return new Incident(
        project,
        number,
        environment,
        prompt,
        kind,
        digest,
        version,
        expectedDigest,
        expectedVersion,
        instances,
        message,
        IncidentState.ACKNOWLEDGED,
        openedAt,
        at,
        resolvedAt,
        who,
        at,
        byNote);
  }
}
