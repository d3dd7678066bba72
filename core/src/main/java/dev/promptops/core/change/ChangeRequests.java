package dev.promptops.core.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.AccessDeniedException;
import dev.promptops.core.ConflictException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.auth.Role;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.VariantSummary;
import dev.promptops.core.json.Json;
import dev.promptops.core.policy.EnvironmentPolicy;
import dev.promptops.core.policy.PolicyCheck;
import dev.promptops.core.registry.DeployOutcome;
import dev.promptops.core.registry.Deployments;
import dev.promptops.core.registry.Lookups;
import dev.promptops.core.registry.Project;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one entry point for change requests: a proposal to deploy a prompt version to an environment,
 * reviewed by people other than its author, merged (deployed) when the environment's policy holds.
 * Every transition is audited ({@code change.open}, {@code change.approve}, {@code
 * change.request_changes}, {@code change.merge}, {@code change.close}, {@code change.supersede}) in
 * the transaction that makes it.
 */
public final class ChangeRequests {
  public static final int MAX_TEXT_CHARS = 4000;
  public static final int MAX_LIST = 200;

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;
  private final Deployments deployments;
  private final RequiredEvals evals;

  /**
   * The newest server run of a suite the environment's policy requires, on the request's version:
   * the evidence attached to the request.
   *
   * @param gatePassed null while the run has no verdict
   */
  public record Evidence(String suite, String run, String status, Boolean gatePassed) {}

  /** Starts the eval runs an environment's policy requires for a request's version. */
  @FunctionalInterface
  public interface RequiredEvals {
    /**
     * Starts a run of each suite in {@code suites} that the version still lacks, on the server.
     *
     * @return one line per suite: the run started, or why none was
     */
    List<String> start(Principal who, ChangeRequest change, List<String> suites);
  }

  public ChangeRequests(Store store, AuditLog audit, Clock clock, Deployments deployments) {
    this(store, audit, clock, deployments, (who, change, suites) -> List.of());
  }

  public ChangeRequests(
      Store store, AuditLog audit, Clock clock, Deployments deployments, RequiredEvals evals) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.deployments = deployments;
    this.evals = evals;
  }

  /**
   * A request with its reviews and, while it is open, what the environment's policy still lacks
   * (empty: it can be merged).
   */
  public record View(
      ChangeRequest change,
      List<Review> reviews,
      List<PolicyCheck.Unmet> unmet,
      List<String> notes,
      List<Evidence> evals) {
    public View {
      reviews = List.copyOf(reviews);
      unmet = List.copyOf(unmet);
      notes = List.copyOf(notes);
      evals = List.copyOf(evals);
    }

    public View(ChangeRequest change, List<Review> reviews, List<PolicyCheck.Unmet> unmet) {
      this(change, reviews, unmet, List.of(), List.of());
    }

    public boolean mergeable() {
      return change.state() == ChangeState.OPEN && unmet.isEmpty();
    }
  }

  /**
   * Opens a request to deploy {@code prompt@version} to {@code env}. Open requests for the same
   * prompt and environment are superseded by it. An editor or a deployer may open one; asking for
   * {@code autoMerge} needs the deploy permission, since the request will deploy in their name.
   */
  public View open(
      Principal who,
      String project,
      String prompt,
      int version,
      String env,
      String description,
      boolean autoMerge) {
    mayOpen(who, project);
    if (autoMerge) {
      who.require(project, Permission.DEPLOY);
    }
    String text = text(description, "description");
    Instant now = now();
    View opened =
        store.write(
            tx -> {
              Project p = Lookups.project(tx, project);
              Lookups.requireEnvironment(p, env);
              PromptVersion v = Lookups.version(tx, project, prompt, version);
              int number = tx.changes().nextNumber(project);
              for (ChangeRequest older :
                  tx.changes().list(project, ChangeState.OPEN, prompt, env, 0, MAX_LIST)) {
                var superseded =
                    older.moved(
                        ChangeState.SUPERSEDED, now, who.name(), "superseded by #" + number, 0);
                if (tx.changes().update(superseded, ChangeState.OPEN)) {
                  audit.append(
                      tx,
                      now,
                      who.name(),
                      "change.supersede",
                      project,
                      prompt,
                      details(superseded));
                }
              }
              var change =
                  new ChangeRequest(
                      project,
                      number,
                      prompt,
                      v.version(),
                      v.digest(),
                      env,
                      text,
                      who.name(),
                      autoMerge,
                      ChangeState.OPEN,
                      now,
                      now,
                      null,
                      "",
                      0);
              tx.changes().insert(change);
              audit.append(tx, now, who.name(), "change.open", project, prompt, details(change));
              return view(tx, p, change, now);
            });
    List<String> suites =
        opened.unmet().stream().anyMatch(u -> u.rule().equals("evals"))
            ? store.read(
                tx ->
                    tx.policies().of(project, env).map(EnvironmentPolicy::evals).orElse(List.of()))
            : List.of();
    if (suites.isEmpty()) {
      return autoMerge && opened.mergeable() ? mergeNow(who, project, opened) : opened;
    }
    List<String> notes = evals.start(who, opened.change(), suites);
    List<Evidence> evidence = store.read(tx -> evidence(tx, opened.change()));
    return new View(opened.change(), opened.reviews(), opened.unmet(), notes, evidence);
  }

  /** An auto-merge request whose policy holds at once (nothing to wait for) deploys at once. */
  private View mergeNow(Principal who, String project, View opened) {
    Instant now = now();
    return store.write(
        tx -> {
          Project p = Lookups.project(tx, project);
          ChangeRequest change = open(find(tx, project, opened.change().number()));
          return merge(tx, who, p, change, now, "auto-merge: the policy held when it was opened");
        });
  }

  /** Refuses a key that may neither edit nor deploy in the project: it cannot open requests. */
  public static void mayOpen(Principal who, String project) {
    if (!who.can(project, Permission.EDIT) && !who.can(project, Permission.DEPLOY)) {
      who.require(project, Permission.EDIT);
    }
  }

  public View get(Principal who, String project, int number) {
    who.require(project, Permission.READ);
    Instant now = now();
    return store.read(
        tx -> {
          Project p = Lookups.project(tx, project);
          return view(tx, p, find(tx, project, number), now);
        });
  }

  /** Requests of a project, newest first; null filters match anything. */
  public List<ChangeRequest> list(
      Principal who,
      String project,
      ChangeState state,
      String prompt,
      String env,
      int before,
      int limit) {
    who.require(project, Permission.READ);
    int bounded = Math.max(1, Math.min(limit, MAX_LIST));
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          return tx.changes().list(project, state, prompt, env, Math.max(0, before), bounded);
        });
  }

  /**
   * Approves or asks for changes. Needs the approve permission; the author cannot review their own
   * request. An approval that completes the policy of an auto-merge request deploys it at once.
   */
  public View review(Principal who, String project, int number, Verdict verdict, String comment) {
    who.require(project, Permission.APPROVE);
    String text = text(comment, "comment");
    Instant now = now();
    return store.write(
        tx -> {
          Project p = Lookups.project(tx, project);
          ChangeRequest change = open(find(tx, project, number));
          if (change.author().equals(who.name())) {
            throw AccessDeniedException.forbidden(
                "'"
                    + who.name()
                    + "' opened change request #"
                    + number
                    + " and cannot review it: approvals come from someone else",
                "ask another reviewer: promptops change approve " + number);
          }
          Role role = who.roleIn(project).orElse(Role.ADMIN);
          var review = new Review(number, who.name(), role, verdict, text, now);
          tx.changes().addReview(project, review);
          ObjectNode d = details(change);
          d.put("verdict", verdict.wireName());
          d.put("reviewerRole", role.wireName());
          d.put("comment", text);
          String action = verdict == Verdict.APPROVE ? "change.approve" : "change.request_changes";
          audit.append(tx, now, who.name(), action, project, change.prompt(), d);
          View view = view(tx, p, change, now);
          if (change.autoMerge() && verdict == Verdict.APPROVE && view.mergeable()) {
            var author =
                new Principal("auto-merge", change.author(), Map.of(project, Role.DEPLOYER));
            return merge(
                tx, author, p, change, now, "auto-merge after the approval of " + who.name());
          }
          return view;
        });
  }

  /** Who an auto-merge deploys as: the request's author, who held the deploy permission. */
  private static Principal author(ChangeRequest change) {
    return new Principal("auto-merge", change.author(), Map.of(change.project(), Role.DEPLOYER));
  }

  /**
   * When a server run passes its gate, deploys each open auto-merge request of a version it tested
   * whose policy now holds, in the transaction that stores the run's end (a run listener).
   */
  public void afterRun(Tx tx, EvalRun run, EvalStatus status, RunReport report) {
    if (status != EvalStatus.FINISHED || report == null || !report.gate().pass()) {
      return;
    }
    Instant now = now();
    Project p = Lookups.project(tx, run.project());
    for (VariantSummary v : report.variants()) {
      if (v.baseline() || v.prompt() == null || v.digest() == null) {
        continue;
      }
      for (ChangeRequest c :
          tx.changes().list(run.project(), ChangeState.OPEN, v.prompt(), null, 0, MAX_LIST)) {
        if (!c.autoMerge() || !c.digest().equals(v.digest())) {
          continue;
        }
        if (view(tx, p, c, now).mergeable()) {
          merge(tx, author(c), p, c, now, "auto-merge after eval run " + run.id() + " passed");
        }
      }
    }
  }

  /** Deploys the request's version; refused (409 {@code policy_not_met}) until the policy holds. */
  public View merge(Principal who, String project, int number) {
    who.require(project, Permission.DEPLOY);
    Instant now = now();
    return store.write(
        tx -> {
          Project p = Lookups.project(tx, project);
          ChangeRequest change = open(find(tx, project, number));
          return merge(tx, who, p, change, now, "");
        });
  }

  private View merge(
      Tx tx, Principal who, Project p, ChangeRequest change, Instant now, String note) {
    List<Review> reviews = tx.changes().reviews(p.name(), change.number());
    String reason =
        "change request #"
            + change.number()
            + (change.description().isEmpty() ? "" : ": " + firstLine(change.description()))
            + (note.isEmpty() ? "" : " (" + note + ")");
    DeployOutcome outcome =
        deployments.merge(
            tx,
            who,
            p.name(),
            change.prompt(),
            change.version(),
            change.environment(),
            approvals(tx, p, change, reviews),
            reason);
    long deployment = outcome.deployment() == null ? 0 : outcome.deployment().id();
    var merged =
        change.moved(
            ChangeState.MERGED,
            now,
            who.name(),
            deployment == 0
                ? change.environment() + " already ran " + change.ref()
                : "deployment #" + deployment,
            deployment);
    if (!tx.changes().update(merged, ChangeState.OPEN)) {
      throw notOpen(tx.changes().find(p.name(), change.number()).orElse(change));
    }
    audit.append(tx, now, who.name(), "change.merge", p.name(), change.prompt(), details(merged));
    return new View(merged, reviews, List.of());
  }

  /** Withdraws a request; its author or an admin may. */
  public View close(Principal who, String project, int number, String reason) {
    who.require(project, Permission.READ);
    String why = text(reason, "reason");
    Instant now = now();
    return store.write(
        tx -> {
          Project p = Lookups.project(tx, project);
          ChangeRequest change = open(find(tx, project, number));
          if (!change.author().equals(who.name())) {
            who.require(project, Permission.ADMIN);
          }
          var closed = change.moved(ChangeState.CLOSED, now, who.name(), why, 0);
          if (!tx.changes().update(closed, ChangeState.OPEN)) {
            throw notOpen(tx.changes().find(project, number).orElse(change));
          }
          audit.append(
              tx, now, who.name(), "change.close", project, change.prompt(), details(closed));
          return view(tx, p, closed, now);
        });
  }

  private View view(Tx tx, Project p, ChangeRequest change, Instant now) {
    List<Review> reviews = tx.changes().reviews(p.name(), change.number());
    List<Evidence> evidence = evidence(tx, change);
    if (change.state() != ChangeState.OPEN) {
      return new View(change, reviews, List.of(), List.of(), evidence);
    }
    PromptVersion v = Lookups.version(tx, p.name(), change.prompt(), change.version());
    List<PolicyCheck.Unmet> unmet =
        PolicyCheck.unmet(
            tx, p, v, change.environment(), now, false, approvals(tx, p, change, reviews));
    return new View(change, reviews, unmet, List.of(), evidence);
  }

  /** The newest server run of each suite the policy requires, for the request's digest. */
  private static List<Evidence> evidence(Tx tx, ChangeRequest change) {
    List<String> suites =
        tx.policies()
            .of(change.project(), change.environment())
            .map(EnvironmentPolicy::evals)
            .orElse(List.of());
    if (suites.isEmpty()) {
      return List.of();
    }
    var runs =
        tx.evals().ofVersion(change.project(), change.prompt(), change.digest(), null, MAX_LIST);
    var out = new ArrayList<Evidence>();
    for (String suite : suites) {
      runs.stream()
          .filter(r -> suite.equals(r.suiteName()) && "server".equals(r.source()))
          .findFirst()
          .ifPresent(
              r ->
                  out.add(
                      new Evidence(
                          suite,
                          r.id(),
                          r.status().name().toLowerCase(java.util.Locale.ROOT),
                          r.gatePassed())));
    }
    return out;
  }

  /** The reviews that count under the environment's policy: each reviewer's latest one. */
  static PolicyCheck.Approvals approvals(
      Tx tx, Project p, ChangeRequest change, List<Review> reviews) {
    Optional<EnvironmentPolicy> policy = tx.policies().of(p.name(), change.environment());
    var latest = new LinkedHashMap<String, Review>();
    for (Review r : reviews) {
      if (!r.reviewer().equals(change.author())) {
        latest.put(r.reviewer(), r);
      }
    }
    int given = 0;
    var changes = new ArrayList<String>();
    for (Review r : latest.values()) {
      if (r.verdict() == Verdict.REQUEST_CHANGES) {
        changes.add(r.reviewer());
      } else if (policy.map(x -> x.approvers().contains(r.role())).orElse(true)) {
        given++;
      }
    }
    return new PolicyCheck.Approvals(change.number(), given, changes);
  }

  private static ChangeRequest find(Tx tx, String project, int number) {
    return tx.changes()
        .find(project, number)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "change_not_found",
                    "project '" + project + "' has no change request #" + number,
                    "list them with promptops change list"));
  }

  private static ChangeRequest open(ChangeRequest change) {
    if (change.state() != ChangeState.OPEN) {
      throw notOpen(change);
    }
    return change;
  }

  private static ConflictException notOpen(ChangeRequest change) {
    return new ConflictException(
        "change_not_open",
        "change request #"
            + change.number()
            + " is "
            + change.state().wireName()
            + (change.outcome().isEmpty() ? "" : " (" + change.outcome() + ")"),
        change.state() == ChangeState.SUPERSEDED
            ? "review the newer request instead: promptops change list --state open"
            : "open a new one: promptops change open "
                + change.ref()
                + " --env "
                + change.environment(),
        Json.mapper().valueToTree(summary(change)));
  }

  private static String text(String value, String field) {
    String t = value == null ? "" : value.strip();
    if (t.length() > MAX_TEXT_CHARS) {
      throw new InvalidInputException(
          field + "_too_long",
          "the " + field + " is " + t.length() + " characters long",
          "keep it under " + MAX_TEXT_CHARS + " characters; link to details instead");
    }
    return t;
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static ObjectNode details(ChangeRequest c) {
    return Json.mapper().valueToTree(summary(c));
  }

  /** A request as JSON-friendly fields (the audit trail's and the conflict's details). */
  public static Map<String, Object> summary(ChangeRequest c) {
    var map = new LinkedHashMap<String, Object>();
    map.put("number", c.number());
    map.put("prompt", c.prompt());
    map.put("version", c.version());
    map.put("digest", c.digest());
    map.put("environment", c.environment());
    map.put("state", c.state().wireName());
    map.put("author", c.author());
    map.put("description", c.description());
    map.put("autoMerge", c.autoMerge());
    if (c.closedBy() != null) {
      map.put("closedBy", c.closedBy());
    }
    if (!c.outcome().isEmpty()) {
      map.put("outcome", c.outcome());
    }
    if (c.deploymentId() != 0) {
      map.put("deploymentId", c.deploymentId());
    }
    return map;
  }
}
