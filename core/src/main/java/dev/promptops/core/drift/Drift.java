package dev.promptops.core.drift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.audit.AuditSubscriber;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.UsageEvent;
import dev.promptops.core.registry.Lookups;
import dev.promptops.core.registry.Pin;
import dev.promptops.core.registry.Project;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.registry.TargetKind;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Drift detection: takes what instances report they serve, opens, updates and resolves incidents as
 * the reports converge or diverge ({@link DriftRules}), and tracks the convergence of every
 * deployment to an environment. Each incident's opening, acknowledgement and resolution, and each
 * confirmation, is audited ({@code drift.open}, {@code drift.acknowledge}, {@code drift.resolve},
 * {@code deployment.confirmed}) in the transaction that changes it, so webhooks announce them.
 */
public final class Drift {
  /** Who the server's own drift actions are audited as. */
  public static final String ACTOR = "promptops";

  public static final int MAX_PAGE = 500;
  static final int MAX_TEXT = 200;
  static final int MAX_NOTE = 2000;
  private static final System.Logger LOG = System.getLogger(Drift.class.getName());
  private static final Set<String> DEPLOYING =
      Set.of(
          "deployment.deploy",
          "deployment.promote",
          "deployment.rollback",
          "deployment.break_glass");

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;
  private final DriftSettings settings;
  private volatile Consumer<Confirmation> onConfirmed = c -> {};

  public Drift(Store store, AuditLog audit, Clock clock, DriftSettings settings) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.settings = settings;
  }

  private Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  public DriftSettings settings() {
    return settings;
  }

  /** Called after the transaction that confirmed a deployment (metrics). */
  public void onConfirmed(Consumer<Confirmation> listener) {
    this.onConfirmed = listener;
  }

  /**
   * Tracks the convergence of each deployment to an environment, from its audit entry, in the
   * deployment's transaction.
   */
  public static AuditSubscriber confirmations() {
    return Drift::track;
  }

  private static void track(Tx tx, AuditEntry entry) {
    if (!DEPLOYING.contains(entry.action()) || entry.project() == null) {
      return;
    }
    var d = entry.details();
    if (!"env".equals(d.path("targetKind").asText())
        || !d.path("toVersion").isInt()
        || !d.path("id").canConvertToLong()) {
      return;
    }
    String digest = d.path("toDigest").asText("");
    int version = d.path("toVersion").asInt();
    if (digest.isEmpty()) {
      digest =
          tx.versions()
              .find(entry.project(), entry.target(), version)
              .map(PromptVersion::digest)
              .orElse("");
    }
    tx.drift()
        .insertConfirmation(
            new Confirmation(
                d.path("id").asLong(),
                entry.project(),
                d.path("target").asText(),
                entry.target(),
                version,
                digest,
                entry.at(),
                Confirmation.State.PENDING,
                List.of(),
                List.of(),
                entry.at(),
                null,
                null));
  }

  /** Takes a report of an instance, then evaluates the project's drift in the same transaction. */
  public int report(Principal who, String project, DriftReport report) {
    who.require(project, Permission.READ);
    check(report);
    Instant now = now();
    var served = new ArrayList<Served>();
    for (Served s : report.served()) {
      Instant last = s.lastSeen().isAfter(now) ? now : s.lastSeen();
      Instant first = s.firstSeen().isAfter(last) ? last : s.firstSeen();
      served.add(
          new Served(
              report.instance().id(),
              s.environment(),
              s.prompt(),
              s.digest(),
              s.fallback(),
              s.version(),
              s.uses(),
              first,
              last));
    }
    List<Confirmation> confirmed =
        store.write(
            tx -> {
              Lookups.project(tx, project);
              tx.drift().touchInstance(project, report.instance(), now);
              tx.drift().addServed(project, served);
              return evaluate(tx, project, now);
            });
    confirmed.forEach(onConfirmed);
    return served.size();
  }

  /**
   * Records what the server itself served for the executions it made (gateway, run): the server is
   * an instance too, listed beside the SDKs. It resolves every call from the ledger, so it never
   * drifts and never holds a confirmation back.
   */
  public void recordServerUse(Tx tx, String instanceId, List<UsageEvent> events, Instant now) {
    var byProject = new LinkedHashMap<String, Map<List<Object>, Served>>();
    for (UsageEvent e : events) {
      var key =
          List.<Object>of(e.environment() == null ? "" : e.environment(), e.prompt(), e.digest());
      byProject
          .computeIfAbsent(e.project(), p -> new LinkedHashMap<>())
          .merge(
              key,
              new Served(
                  instanceId,
                  e.environment(),
                  e.prompt(),
                  e.digest(),
                  false,
                  e.version(),
                  1,
                  e.at(),
                  e.at()),
              (a, b) ->
                  new Served(
                      instanceId,
                      a.environment(),
                      a.prompt(),
                      a.digest(),
                      false,
                      a.version(),
                      a.uses() + b.uses(),
                      a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
                      a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen()));
    }
    for (var p : byProject.entrySet()) {
      if (tx.projects().find(p.getKey()).isEmpty()) {
        continue;
      }
      tx.drift()
          .touchInstance(
              p.getKey(),
              new InstanceInfo(
                  instanceId,
                  "promptops-server",
                  instanceId,
                  "promptops-server",
                  InstanceInfo.Source.SERVER,
                  null,
                  now,
                  now,
                  0,
                  0),
              now);
      tx.drift().addServed(p.getKey(), List.copyOf(p.getValue().values()));
    }
  }

  /** Evaluates every project with something to evaluate (recent reports, pending work). */
  public void evaluateAll() {
    Instant now = now();
    List<String> projects =
        store.read(tx -> tx.drift().activeProjects(now.minus(settings.servedWindow())));
    for (String project : projects) {
      try {
        List<Confirmation> confirmed = store.write(tx -> evaluate(tx, project, now));
        confirmed.forEach(onConfirmed);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "could not evaluate the drift of " + project, e);
      }
    }
  }

  /** Deletes reports past the retention; how many rows. */
  public int prune() {
    Instant before = now().minus(settings.retention());
    return store.write(tx -> tx.drift().prune(before));
  }

  /** One evaluation of a project: incidents reconciled, pending confirmations checked. */
  List<Confirmation> evaluate(Tx tx, String project, Instant now) {
    Optional<Project> p = tx.projects().find(project);
    if (p.isEmpty()) {
      return List.of();
    }
    Set<String> live = new HashSet<>();
    for (InstanceInfo i : tx.drift().instances(project, now.minus(settings.instanceTimeout()))) {
      if (i.source() == InstanceInfo.Source.SDK) {
        live.add(i.id());
      }
    }
    var served = tx.drift().served(project, now.minus(settings.servedWindow()));
    var current = DriftRules.current(served, live, now, settings);
    DriftRules.Pins pins = pins(tx, project);
    var digests = new HashMap<List<String>, Optional<Integer>>();
    java.util.function.BiFunction<String, String, Optional<Integer>> registered =
        (prompt, digest) ->
            digests.computeIfAbsent(
                List.of(prompt, digest),
                k ->
                    tx.versions()
                        .findByDigest(project, prompt, digest)
                        .map(PromptVersion::version));
    // what an instance did not say, the registry knows: the version of a registered digest
    for (var byInstance : current.values()) {
      byInstance.replaceAll(
          (id, s) ->
              s.version() != null
                  ? s
                  : new Served(
                      s.instance(),
                      s.environment(),
                      s.prompt(),
                      s.digest(),
                      s.fallback(),
                      registered.apply(s.prompt(), s.digest()).orElse(null),
                      s.uses(),
                      s.firstSeen(),
                      s.lastSeen()));
    }
    List<DriftRules.Finding> findings =
        DriftRules.findings(current, pins, registered, now, settings);
    reconcile(tx, project, findings, pins, now);
    return confirm(tx, project, current, pins, now);
  }

  private static DriftRules.Pins pins(Tx tx, String project) {
    var byEnv = new HashMap<String, Map<String, DriftRules.Deployed>>();
    for (Pin pin : tx.pins().listProject(project)) {
      if (pin.kind() != TargetKind.ENVIRONMENT) {
        continue;
      }
      tx.versions()
          .find(project, pin.prompt(), pin.version())
          .ifPresent(
              v ->
                  byEnv
                      .computeIfAbsent(pin.target(), e -> new HashMap<>())
                      .put(
                          pin.prompt(),
                          new DriftRules.Deployed(pin.version(), v.digest(), pin.updatedAt())));
    }
    return new DriftRules.Pins(byEnv);
  }

  private void reconcile(
      Tx tx, String project, List<DriftRules.Finding> findings, DriftRules.Pins pins, Instant now) {
    var wanted = new LinkedHashMap<Incident.Key, DriftRules.Finding>();
    findings.forEach(f -> wanted.put(f.key(), f));
    for (Incident open : tx.drift().unresolved(project)) {
      if (open.kind() == IncidentKind.BEHAVIOUR) {
        boolean stillDeployed =
            pins.of(open.environment(), open.prompt())
                .map(d -> d.digest().equals(open.digest()))
                .orElse(false);
        if (!stillDeployed) {
          resolve(tx, open, "the version is no longer deployed", now);
        }
        continue;
      }
      DriftRules.Finding f = wanted.remove(open.key());
      if (f == null) {
        resolve(tx, open, "every instance involved converged", now);
      } else if (!f.instances().equals(open.instances()) || !f.message().equals(open.message())) {
        tx.drift().updateIncident(open.withFindings(f.instances(), f.message(), now));
      }
    }
    for (DriftRules.Finding f : wanted.values()) {
      open(tx, project, f, now);
    }
  }

  /** Opens an incident and audits it ({@code drift.open}). */
  Incident open(Tx tx, String project, DriftRules.Finding f, Instant now) {
    var incident =
        new Incident(
            project,
            tx.drift().nextIncidentNumber(project),
            f.key().environment(),
            f.key().prompt(),
            f.key().kind(),
            f.key().digest(),
            f.version(),
            f.expectedDigest(),
            f.expectedVersion(),
            f.instances(),
            f.message(),
            IncidentState.OPEN,
            now,
            now,
            null,
            null,
            null,
            null);
    tx.drift().insertIncident(incident);
    audit.append(tx, now, ACTOR, "drift.open", project, incident.prompt(), details(incident));
    return incident;
  }

  void resolve(Tx tx, Incident open, String why, Instant now) {
    Incident resolved = open.resolve(now);
    tx.drift().updateIncident(resolved);
    audit.append(
        tx,
        now,
        ACTOR,
        "drift.resolve",
        open.project(),
        open.prompt(),
        details(resolved).put("why", why));
  }

  private List<Confirmation> confirm(
      Tx tx,
      String project,
      Map<DriftRules.Slot, Map<String, Served>> current,
      DriftRules.Pins pins,
      Instant now) {
    List<Confirmation> pending = tx.drift().pending(project);
    var newest = new HashMap<DriftRules.Slot, Long>();
    for (Confirmation c : pending) {
      newest.merge(new DriftRules.Slot(c.environment(), c.prompt()), c.deploymentId(), Math::max);
    }
    var confirmed = new ArrayList<Confirmation>();
    for (Confirmation c : pending) {
      var slot = new DriftRules.Slot(c.environment(), c.prompt());
      Confirmation checked =
          DriftRules.check(
              c,
              current,
              pins.of(c.environment(), c.prompt()),
              newest.get(slot) == c.deploymentId(),
              now);
      if (checked.state() == c.state()
          && checked.converged().equals(c.converged())
          && checked.lagging().equals(c.lagging())) {
        continue;
      }
      tx.drift().updateConfirmation(checked);
      if (checked.state() == Confirmation.State.CONFIRMED) {
        ObjectNode details =
            Json.object()
                .put("deploymentId", checked.deploymentId())
                .put("environment", checked.environment())
                .put("version", checked.version())
                .put("digest", checked.digest())
                .put("tookMillis", checked.took().toMillis());
        details.set("instances", Json.mapper().valueToTree(checked.converged()));
        audit.append(tx, now, ACTOR, "deployment.confirmed", project, checked.prompt(), details);
        confirmed.add(checked);
      }
    }
    return confirmed;
  }

  static ObjectNode details(Incident i) {
    ObjectNode d =
        Json.object()
            .put("number", i.number())
            .put("kind", i.kind().wireName())
            .put("environment", i.environment())
            .put("digest", i.digest());
    d.put("version", i.version());
    d.put("expectedDigest", i.expectedDigest());
    d.put("expectedVersion", i.expectedVersion());
    d.set("instances", Json.mapper().valueToTree(i.instances()));
    d.put("message", i.message());
    d.put("state", i.state().wireName());
    return d;
  }

  // ---- reads and acknowledgement ----

  public List<Incident> incidents(
      Principal who, String project, String state, String environment, int limit) {
    who.require(project, Permission.READ);
    if (state != null && !List.of("open", "acknowledged", "resolved").contains(state)) {
      throw new InvalidInputException(
          "invalid_state",
          "not an incident state: '" + state + "'",
          "use open, acknowledged or resolved");
    }
    int page = page(limit);
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          return tx.drift().incidents(project, state, environment, page);
        });
  }

  public Incident incident(Principal who, String project, int number) {
    who.require(project, Permission.READ);
    return store.read(tx -> find(tx, project, number));
  }

  /** Marks an incident as known to someone, with a note; it still resolves on its own. */
  public Incident acknowledge(Principal who, String project, int number, String note) {
    who.require(project, Permission.DEPLOY);
    String text = note == null ? "" : note.strip();
    if (text.length() > MAX_NOTE) {
      throw new InvalidInputException(
          "note_too_long",
          "the note has " + text.length() + " characters; at most " + MAX_NOTE,
          "keep it short and link to the details");
    }
    Instant now = now();
    return store.write(
        tx -> {
          Incident i = find(tx, project, number);
          if (i.resolved()) {
            throw new dev.promptops.core.ConflictException(
                "incident_resolved",
                "incident #" + number + " was resolved at " + i.resolvedAt(),
                "nothing to acknowledge: it converged on its own",
                null);
          }
          Incident acked = i.acknowledge(who.name(), text, now);
          tx.drift().updateIncident(acked);
          audit.append(
              tx,
              now,
              who.name(),
              "drift.acknowledge",
              project,
              i.prompt(),
              details(acked).put("note", text));
          return acked;
        });
  }

  private static Incident find(Tx tx, String project, int number) {
    Lookups.project(tx, project);
    return tx.drift()
        .incident(project, number)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "incident_not_found",
                    "project " + project + " has no incident #" + number,
                    "list them with promptops drift incidents"));
  }

  /** What is served now: the live instances and, per environment and prompt, what each serves. */
  public record Status(
      Instant at, List<InstanceInfo> instances, List<Served> served, List<Incident> unresolved) {}

  public Status status(Principal who, String project, String environment) {
    who.require(project, Permission.READ);
    Instant now = now();
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          var instances = tx.drift().instances(project, now.minus(settings.instanceTimeout()));
          var served = new ArrayList<Served>();
          for (Served s : tx.drift().served(project, now.minus(settings.servedWindow()))) {
            if (environment == null || environment.equals(s.environment())) {
              served.add(s);
            }
          }
          var unresolved = new ArrayList<Incident>();
          for (Incident i : tx.drift().unresolved(project)) {
            if (environment == null || environment.equals(i.environment())) {
              unresolved.add(i);
            }
          }
          return new Status(now, instances, served, unresolved);
        });
  }

  public Confirmation confirmation(Principal who, String project, long deploymentId) {
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          return tx.drift()
              .confirmation(deploymentId)
              .filter(c -> c.project().equals(project))
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          "confirmation_not_found",
                          "deployment "
                              + deploymentId
                              + " of project "
                              + project
                              + " is not tracked: only deployments to an environment are",
                          "list them with GET …/drift/confirmations"));
        });
  }

  public List<Confirmation> confirmations(
      Principal who, String project, String prompt, String environment, int limit) {
    who.require(project, Permission.READ);
    int page = page(limit);
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          return tx.drift().confirmations(project, prompt, environment, page);
        });
  }

  private static int page(int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new InvalidInputException(
          "invalid_limit",
          "limit must be between 1 and " + MAX_PAGE + ": " + limit,
          "ask for at most " + MAX_PAGE + " at a time");
    }
    return limit;
  }

  private static void check(DriftReport report) {
    if (report.served().size() > DriftReport.MAX_SERVED) {
      throw new InvalidInputException(
          "report_too_large",
          "a report lists "
              + report.served().size()
              + " served prompts; at most "
              + DriftReport.MAX_SERVED,
          "send reports more often, or in several parts");
    }
    text("instance.id", report.instance().id());
    text("instance.application", report.instance().application());
    for (Served s : report.served()) {
      text("served[].prompt", s.prompt());
      text("served[].digest", s.digest());
      if (s.environment().length() > MAX_TEXT) {
        text("served[].environment", s.environment());
      }
      if (s.uses() < 1) {
        throw new InvalidInputException(
            "invalid_count",
            "served[].count must be at least 1: " + s.uses() + " for " + s.prompt(),
            "leave out what was not served");
      }
    }
  }

  private static void text(String field, String value) {
    if (value.isBlank() || value.length() > MAX_TEXT) {
      throw new InvalidInputException(
          "invalid_field",
          field + " must be 1 to " + MAX_TEXT + " characters: '" + abbreviate(value) + "'",
          "send a short identifier");
    }
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }
}
