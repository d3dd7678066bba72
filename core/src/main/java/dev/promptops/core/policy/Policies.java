package dev.promptops.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Lookups;
import dev.promptops.core.registry.Project;
import dev.promptops.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The one entry point for environment policies. Each change is a new version, audited with the
 * policy before and after; setting the policy in force again changes nothing and says so.
 */
public final class Policies {
  public static final int MAX_HISTORY = 100;

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;

  public Policies(Store store, AuditLog audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** What changing the policy did. */
  public record Outcome(StoredPolicy policy, boolean changed) {}

  /** The policy in force; version 0 with no rules when the project never set one. */
  public StoredPolicy current(Principal who, String project) {
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          Project p = Lookups.project(tx, project);
          return tx.policies()
              .current(project)
              .orElse(
                  new StoredPolicy(
                      project, 0, ProjectPolicy.NONE, p.createdAt(), p.createdBy(), ""));
        });
  }

  /** Versions of the policy, newest first. */
  public List<StoredPolicy> history(Principal who, String project, int limit) {
    who.require(project, Permission.READ);
    int bounded = Math.max(1, Math.min(limit, MAX_HISTORY));
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          return tx.policies().history(project, bounded);
        });
  }

  /**
   * Replaces the project's policies with {@code environments} (environment → policy, as {@link
   * PolicyJson} reads it). Only an admin may.
   */
  public Outcome set(Principal who, String project, JsonNode environments, String reason) {
    who.require(project, Permission.ADMIN);
    String why = reason == null ? "" : reason.strip();
    if (why.length() > PolicyJson.MAX_REASON_CHARS) {
      throw new InvalidInputException(
          "reason_too_long",
          "the reason is " + why.length() + " characters long",
          "keep it under " + PolicyJson.MAX_REASON_CHARS + " characters");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return store.write(
        tx -> {
          Project p = Lookups.project(tx, project);
          ProjectPolicy next = PolicyJson.read(environments, p);
          var before = tx.policies().current(project);
          ObjectNode was =
              PolicyJson.write(before.map(StoredPolicy::policy).orElse(ProjectPolicy.NONE));
          ObjectNode will = PolicyJson.write(next);
          if (was.equals(will)) {
            return new Outcome(
                before.orElse(new StoredPolicy(project, 0, next, now, who.name(), "")), false);
          }
          int version = before.map(s -> s.version() + 1).orElse(1);
          var stored = new StoredPolicy(project, version, next, now, who.name(), why);
          tx.policies().insert(stored);
          ObjectNode details = Json.object();
          details.put("version", version);
          details.set("before", was);
          details.set("after", will);
          details.put("reason", why);
          audit.append(tx, now, who.name(), "policy.update", project, null, details);
          return new Outcome(stored, true);
        });
  }
}
