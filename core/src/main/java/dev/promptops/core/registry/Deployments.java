package dev.promptops.core.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.ConflictException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.policy.PolicyCheck;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one entry point that moves environments and labels. Every move is compare-and-set against the
 * version the caller expects to replace, is recorded in the deployment ledger and in the audit log,
 * all in one transaction.
 */
public final class Deployments {
  public static final int MAX_REASON_CHARS = 2000;
  public static final int MAX_HISTORY = 1000;

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;

  public Deployments(Store store, AuditLog audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Pins {@code version} to an environment of the project's chain or to a free label.
   *
   * @param expected the version the caller believes is pinned now (null: nothing is)
   */
  public DeployOutcome deploy(
      Principal who,
      String project,
      String prompt,
      TargetKind kind,
      String target,
      int version,
      Integer expected,
      String reason) {
    return deploy(who, project, prompt, kind, target, version, expected, reason, false);
  }

  /**
   * Pins {@code version} as {@link #deploy}; with {@code breakGlass} an administrator deploys past
   * the environment's policy, giving a reason, and the deployment is flagged in the ledger and
   * audited as {@code deployment.break_glass}.
   */
  public DeployOutcome deploy(
      Principal who,
      String project,
      String prompt,
      TargetKind kind,
      String target,
      int version,
      Integer expected,
      String reason,
      boolean breakGlass) {
    who.require(project, Permission.DEPLOY);
    if (breakGlass) {
      who.require(project, Permission.ADMIN);
      if (reason == null || reason.isBlank()) {
        throw new InvalidInputException(
            "break_glass_needs_reason",
            "a break-glass deployment needs a reason",
            "say why the policy is bypassed: --reason \"incident 123: hotfix\"");
      }
    }
    Names.pinnableTarget(target);
    return store.write(
        tx -> {
          Project p = Lookups.project(tx, project);
          if (kind == TargetKind.ENVIRONMENT) {
            Lookups.requireEnvironment(p, target);
          } else if (p.hasEnvironment(target)) {
            throw new InvalidInputException(
                "not_a_label",
                "'" + target + "' is an environment of project '" + project + "', not a label",
                "deploy to it as an environment (--env " + target + ")");
          }
          PromptVersion v = Lookups.version(tx, project, prompt, version);
          return move(tx, who, p, v, target, expected, reason, DeploymentKind.DEPLOY, breakGlass);
        });
  }

  /**
   * Deploys the version of a change request being merged, inside the merge's transaction: the
   * environment's policy is checked with the request's approvals, against the pin as it is now.
   */
  public DeployOutcome merge(
      Tx tx,
      Principal who,
      String project,
      String prompt,
      int version,
      String env,
      PolicyCheck.Approvals change,
      String reason) {
    Project p = Lookups.project(tx, project);
    Lookups.requireEnvironment(p, env);
    PromptVersion v = Lookups.version(tx, project, prompt, version);
    Integer current = tx.pins().find(project, prompt, env).map(Pin::version).orElse(null);
    return move(tx, who, p, v, env, current, reason, DeploymentKind.DEPLOY, false, change);
  }

  /** Pins the version that {@code from} runs to the later environment {@code to}. */
  public DeployOutcome promote(
      Principal who,
      String project,
      String prompt,
      String from,
      String to,
      Integer expected,
      String reason) {
    who.require(project, Permission.DEPLOY);
    return store.write(
        tx -> {
          Project p = Lookups.project(tx, project);
          Lookups.requireEnvironment(p, from);
          Lookups.requireEnvironment(p, to);
          if (p.environments().indexOf(to) <= p.environments().indexOf(from)) {
            throw new InvalidInputException(
                "promote_backwards",
                "promote moves forward along "
                    + String.join(" → ", p.environments())
                    + "; '"
                    + to
                    + "' does not come after '"
                    + from
                    + "'",
                "to put an older version back use `promptops rollback`, or `promptops deploy`");
          }
          PromptVersion v = Lookups.resolve(tx, p, prompt, new Selector.Env(from)).version();
          return move(tx, who, p, v, to, expected, reason, DeploymentKind.PROMOTE, false);
        });
  }

  /**
   * Pins an earlier version to an environment: {@code toVersion}, or when null the version that the
   * environment ran before the current one (skipping versions already rolled back from).
   */
  public DeployOutcome rollback(
      Principal who,
      String project,
      String prompt,
      String env,
      Integer toVersion,
      Integer expected,
      String reason) {
    who.require(project, Permission.DEPLOY);
    return store.write(tx -> rollback(tx, who, project, prompt, env, toVersion, expected, reason));
  }

  /**
   * Rolls back as {@link #rollback(Principal, String, String, String, Integer, Integer, String)}
   * does, inside a transaction of the caller's (the server's own rollback after a failed smoke
   * suite, which commits with the run's end).
   */
  public DeployOutcome rollback(
      Tx tx,
      Principal who,
      String project,
      String prompt,
      String env,
      Integer toVersion,
      Integer expected,
      String reason) {
    Project p = Lookups.project(tx, project);
    Lookups.requireEnvironment(p, env);
    int current = Lookups.resolve(tx, p, prompt, new Selector.Env(env)).version().version();
    if (toVersion != null && toVersion > current) {
      throw new InvalidInputException(
          "rollback_forward",
          "rollback goes back: v"
              + toVersion
              + " is newer than v"
              + current
              + ", which '"
              + env
              + "' runs",
          "to move forward use `promptops deploy "
              + prompt
              + "@"
              + toVersion
              + " --env "
              + env
              + "`");
    }
    int target = toVersion != null ? toVersion : previous(tx, project, prompt, env, current);
    PromptVersion v = Lookups.version(tx, project, prompt, target);
    return move(tx, who, p, v, env, expected, reason, DeploymentKind.ROLLBACK, false);
  }

  /** Removes a free label from a prompt. Environments cannot be emptied. */
  public DeployOutcome unpin(
      Principal who, String project, String prompt, String label, Integer expected, String reason) {
    who.require(project, Permission.DEPLOY);
    Names.pinnableTarget(label);
    return store.write(
        tx -> {
          Project p = Lookups.project(tx, project);
          if (p.hasEnvironment(label)) {
            throw new InvalidInputException(
                "cannot_unpin_environment",
                "'" + label + "' is an environment; an environment always pins a version",
                "deploy or roll back another version instead");
          }
          Lookups.latest(tx, project, prompt);
          Integer current = tx.pins().find(project, prompt, label).map(Pin::version).orElse(null);
          if (current == null) {
            throw new NotFoundException(
                "label_not_found",
                prompt + " has no label '" + label + "'",
                "list its labels with `promptops show " + prompt + "`");
          }
          checkExpected(tx, project, prompt, label, current, expected);
          if (!tx.pins().remove(project, prompt, label, current)) {
            throw lostRace(tx, project, prompt, label, expected);
          }
          Instant now = now();
          var entry =
              new Deployment(
                  0,
                  project,
                  prompt,
                  label,
                  TargetKind.LABEL,
                  current,
                  null,
                  DeploymentKind.UNPIN,
                  who.name(),
                  reason(reason),
                  now);
          var stored = tx.deployments().append(entry);
          audit.append(tx, now, who.name(), "deployment.unpin", project, prompt, details(stored));
          return DeployOutcome.of(prompt, label, stored, null);
        });
  }

  /** Where each environment and label of a prompt points. */
  public List<Pin> pins(Principal who, String project, String prompt) {
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          Lookups.latest(tx, project, prompt);
          return tx.pins().list(project, prompt);
        });
  }

  /**
   * The ledger of a prompt, newest first; {@code target} null means all environments and labels.
   */
  public List<Deployment> history(
      Principal who, String project, String prompt, String target, int limit) {
    who.require(project, Permission.READ);
    int bounded = Math.max(1, Math.min(limit, MAX_HISTORY));
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          Lookups.latest(tx, project, prompt);
          return tx.deployments().history(project, prompt, target, bounded);
        });
  }

  private DeployOutcome move(
      Tx tx,
      Principal who,
      Project project,
      PromptVersion version,
      String target,
      Integer expected,
      String reason,
      DeploymentKind kind,
      boolean breakGlass) {
    return move(tx, who, project, version, target, expected, reason, kind, breakGlass, null);
  }

  private DeployOutcome move(
      Tx tx,
      Principal who,
      Project project,
      PromptVersion version,
      String target,
      Integer expected,
      String reason,
      DeploymentKind kind,
      boolean breakGlass,
      PolicyCheck.Approvals change) {
    String name = project.name();
    String prompt = version.prompt();
    TargetKind targetKind =
        project.hasEnvironment(target) ? TargetKind.ENVIRONMENT : TargetKind.LABEL;
    Integer current = tx.pins().find(name, prompt, target).map(Pin::version).orElse(null);
    checkExpected(tx, name, prompt, target, current, expected);
    if (Objects.equals(current, version.version())) {
      return DeployOutcome.of(prompt, target, null, version);
    }
    Instant now = now();
    if (targetKind == TargetKind.ENVIRONMENT && !breakGlass) {
      PolicyCheck.require(
          tx, project, version, target, now, kind == DeploymentKind.ROLLBACK, change);
    }
    if (!tx.pins()
        .compareAndSet(name, prompt, target, targetKind, current, version.version(), now)) {
      throw lostRace(tx, name, prompt, target, expected);
    }
    var entry =
        new Deployment(
            0,
            name,
            prompt,
            target,
            targetKind,
            current,
            version.version(),
            kind,
            who.name(),
            reason(reason),
            now,
            breakGlass);
    var stored = tx.deployments().append(entry);
    String action = breakGlass ? "deployment.break_glass" : "deployment." + kind.wireName();
    ObjectNode details = details(stored).put("toDigest", version.digest());
    audit.append(tx, now, who.name(), action, name, prompt, details);
    return DeployOutcome.of(prompt, target, stored, version);
  }

  private static void checkExpected(
      Tx tx, String project, String prompt, String target, Integer current, Integer expected) {
    if (!Objects.equals(current, expected)) {
      throw lostRace(tx, project, prompt, target, expected);
    }
  }

  private static ConflictException lostRace(
      Tx tx, String project, String prompt, String target, Integer expected) {
    Optional<Pin> pin = tx.pins().find(project, prompt, target);
    ObjectNode state = Json.object();
    state.put("prompt", prompt);
    state.put("target", target);
    if (pin.isPresent()) {
      state.put("currentVersion", pin.get().version());
      state.put("updatedAt", pin.get().updatedAt().toString());
      tx.versions()
          .find(project, prompt, pin.get().version())
          .ifPresent(v -> state.put("currentDigest", v.digest()));
    } else {
      state.putNull("currentVersion");
    }
    tx.deployments().history(project, prompt, target, 1).stream()
        .findFirst()
        .ifPresent(d -> state.set("lastDeployment", Json.mapper().valueToTree(summary(d))));
    String now = pin.map(p -> "pins " + prompt + "@" + p.version()).orElse("pins nothing");
    String thought = expected == null ? "nothing" : prompt + "@" + expected;
    return new ConflictException(
        "pin_changed",
        "'"
            + target
            + "' "
            + now
            + ", not "
            + thought
            + " as expected: it changed since you looked",
        "check `promptops history "
            + prompt
            + " --env "
            + target
            + "`, then retry with the"
            + " current version as the expected one",
        state);
  }

  private static int previous(Tx tx, String project, String prompt, String env, int current) {
    List<Deployment> ledger = tx.deployments().history(project, prompt, env, MAX_HISTORY);
    var rolledBackFrom = new HashSet<Integer>();
    for (Deployment d : ledger) {
      Integer v = d.fromVersion();
      if (d.kind() == DeploymentKind.ROLLBACK) {
        if (v != null) {
          rolledBackFrom.add(v);
        }
      } else if (v != null && v != current && !rolledBackFrom.contains(v)) {
        return v;
      }
    }
    throw new NotFoundException(
        "no_earlier_version",
        "no earlier version of " + prompt + " ran in '" + env + "' to roll back to",
        "name the version: `promptops rollback " + prompt + " --env " + env + " --to N`");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String reason(String reason) {
    String r = reason == null ? "" : reason.strip();
    if (r.length() > MAX_REASON_CHARS) {
      throw new InvalidInputException(
          "reason_too_long",
          "the reason is " + r.length() + " characters long",
          "keep it under " + MAX_REASON_CHARS + " characters; link to details instead");
    }
    return r;
  }

  private static ObjectNode details(Deployment d) {
    return Json.mapper().valueToTree(summary(d));
  }

  /** The ledger entry as JSON-friendly fields. */
  public static java.util.Map<String, Object> summary(Deployment d) {
    var map = new java.util.LinkedHashMap<String, Object>();
    map.put("id", d.id());
    map.put("target", d.target());
    map.put("targetKind", d.targetKind().wireName());
    map.put("fromVersion", d.fromVersion());
    map.put("toVersion", d.toVersion());
    map.put("kind", d.kind().wireName());
    map.put("actor", d.actor());
    map.put("reason", d.reason());
    map.put("at", d.at().toString());
    if (d.breakGlass()) {
      map.put("breakGlass", true);
    }
    return map;
  }
}
