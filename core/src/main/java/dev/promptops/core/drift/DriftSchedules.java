package dev.promptops.core.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.eval.EvalIds;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.VariantSummary;
import dev.promptops.core.eval.runs.EvalRequest;
import dev.promptops.core.eval.runs.RegisteredSuite;
import dev.promptops.core.eval.runs.RunListener;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Lookups;
import dev.promptops.core.registry.Pin;
import dev.promptops.core.registry.Project;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Behavioural drift: the model can change under the same prompt. A schedule re-runs a registered
 * suite against the versions deployed in an environment; when a version's mean score falls more
 * than the margin below the score recorded at deployment (the newest run of that suite on that
 * version finished by the time it was deployed, else the first scheduled run after), a {@code
 * behaviour} incident opens; a later run back within the margin, or another version deployed,
 * resolves it.
 */
public final class DriftSchedules {
  public static final Duration MIN_EVERY = Duration.ofSeconds(1);
  public static final int MAX_SCHEDULES = 100;
  private static final int RUNS_LOOKED_AT = 200;

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;
  private final Drift drift;

  public DriftSchedules(Store store, AuditLog audit, Clock clock, Drift drift) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.drift = drift;
  }

  /** A schedule as written in {@code promptops.yaml}. */
  public record Spec(String suite, String environment, Duration every, double margin) {}

  /**
   * {@code [{"suite": "support", "environment": "production", "every": "6h", "margin": 0.05}]};
   * margin defaults to 0.05.
   */
  public static List<Spec> parse(JsonNode list) {
    if (!list.isArray()) {
      throw new InvalidInputException(
          "invalid_schedules",
          "'schedules' must be a list",
          "e.g. schedules: [{suite: support, environment: production, every: 6h, margin: 0.05}]");
    }
    var specs = new ArrayList<Spec>();
    var seen = new HashSet<List<String>>();
    for (JsonNode s : list) {
      String suite = s.path("suite").asText("");
      String env = s.path("environment").asText("");
      if (suite.isBlank() || env.isBlank()) {
        throw new InvalidInputException(
            "invalid_schedule",
            "a schedule names its suite and environment: " + s,
            "e.g. {suite: support, environment: production, every: 6h}");
      }
      if (!s.path("every").isTextual()) {
        throw new InvalidInputException(
            "invalid_schedule",
            "the schedule of " + suite + " on " + env + " has no 'every'",
            "say how often it runs, e.g. every: 6h");
      }
      Duration every = DriftSettings.parse(s.path("every").asText(), "every");
      if (every.compareTo(MIN_EVERY) < 0) {
        throw new InvalidInputException(
            "invalid_schedule", "every must be at least 1s", "e.g. every: 6h");
      }
      double margin = s.path("margin").asDouble(0.05);
      if (!s.path("margin").isMissingNode() && !s.path("margin").isNumber()
          || margin < 0
          || margin > 1) {
        throw new InvalidInputException(
            "invalid_schedule",
            "margin of "
                + suite
                + " on "
                + env
                + " must be a number from 0 to 1: "
                + s.path("margin"),
            "a mean score may fall this much below the score at deployment, e.g. 0.05");
      }
      for (var it = s.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!List.of("suite", "environment", "every", "margin").contains(key)) {
          throw new InvalidInputException(
              "unknown_key",
              "a schedule has no '" + key + "'",
              "use suite, environment, every and margin");
        }
      }
      if (!seen.add(List.of(suite, env))) {
        throw new InvalidInputException(
            "duplicate_schedule",
            "suite " + suite + " is scheduled twice on " + env,
            "keep one entry per suite and environment");
      }
      specs.add(new Spec(suite, env, every, margin));
    }
    if (specs.size() > MAX_SCHEDULES) {
      throw new InvalidInputException(
          "too_many_schedules",
          specs.size() + " schedules; at most " + MAX_SCHEDULES,
          "schedule fewer suites");
    }
    return specs;
  }

  public List<Schedule> list(Principal who, String project) {
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          Lookups.project(tx, project);
          return tx.drift().schedules(project);
        });
  }

  /** Replaces the project's schedules; a schedule whose period is unchanged keeps its next run. */
  public List<Schedule> replace(Principal who, String project, List<Spec> specs) {
    who.require(project, Permission.ADMIN);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return store.write(
        tx -> {
          Project p = Lookups.project(tx, project);
          List<Schedule> before = tx.drift().schedules(project);
          var keep = new ArrayList<Schedule>();
          for (Spec s : specs) {
            Lookups.requireEnvironment(p, s.environment());
            if (tx.suites().find(project, s.suite()).isEmpty()) {
              throw new InvalidInputException(
                  "suite_not_registered",
                  "suite " + s.suite() + " is not registered in project " + project,
                  "register it first: promptops sync registers evals/" + s.suite() + ".yaml");
            }
            var schedule =
                new Schedule(
                    project,
                    s.suite(),
                    s.environment(),
                    s.every(),
                    s.margin(),
                    now.plus(s.every()),
                    null,
                    now,
                    who.name());
            tx.drift().putSchedule(schedule);
            keep.add(schedule);
          }
          tx.drift().retainSchedules(project, keep);
          List<Schedule> after = tx.drift().schedules(project);
          if (!describe(before).equals(describe(after))) {
            ObjectNode details = Json.object();
            details.set("before", Json.mapper().valueToTree(describe(before)));
            details.set("after", Json.mapper().valueToTree(describe(after)));
            audit.append(tx, now, who.name(), "schedule.update", project, null, details);
          }
          return after;
        });
  }

  private static List<String> describe(List<Schedule> schedules) {
    return schedules.stream()
        .map(
            s ->
                s.suite()
                    + " on "
                    + s.environment()
                    + " every "
                    + s.every().toSeconds()
                    + "s margin "
                    + s.margin())
        .toList();
  }

  /**
   * Starts the run of one due schedule, claimed for {@code worker} so that one server runs it;
   * empty when none is due (or nothing is deployed to run it on).
   */
  public Optional<String> tick(String worker) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Optional<Schedule> claimed =
        store.write(tx -> tx.drift().claimSchedule(worker, now, Duration.ofMinutes(5)));
    if (claimed.isEmpty()) {
      return Optional.empty();
    }
    Schedule s = claimed.get();
    return store.write(
        tx -> {
          String run = start(tx, s, now);
          tx.drift().scheduled(s, worker, now.plus(s.every()), run);
          return Optional.ofNullable(run);
        });
  }

  private static String start(Tx tx, Schedule s, Instant now) {
    Optional<RegisteredSuite> suite = tx.suites().find(s.project(), s.suite());
    if (suite.isEmpty()) {
      return null;
    }
    var refs = new ArrayList<String>();
    for (JsonNode p : suite.get().suite().path("prompts")) {
      String name = Ref.parse(p.asText()).prompt();
      tx.pins()
          .find(s.project(), name, s.environment())
          .map(Pin::version)
          .ifPresent(v -> refs.add(name + "@" + v));
    }
    if (refs.isEmpty()) {
      return null;
    }
    // never from the response cache: the point is to ask the model again
    var request = new EvalRequest(suite.get().suite(), s.suite(), refs, null, null, null, true);
    ObjectNode options = request.options();
    options.putObject("schedule").put("environment", s.environment()).put("margin", s.margin());
    String id = EvalIds.newId(now);
    tx.evals()
        .create(
            new EvalRun(
                id,
                s.project(),
                s.suite(),
                suite.get().digest(),
                suite.get().suite(),
                options,
                "server",
                EvalStatus.QUEUED,
                Drift.ACTOR,
                now,
                null,
                null,
                null,
                null,
                false));
    return id;
  }

  /** Judges scheduled runs when they end: opens or resolves behaviour incidents. */
  public RunListener judge() {
    return this::judge;
  }

  private void judge(Tx tx, EvalRun run, EvalStatus status, RunReport report) {
    JsonNode schedule = run.options() == null ? null : run.options().get("schedule");
    if (schedule == null
        || !schedule.isObject()
        || status != EvalStatus.FINISHED
        || report == null) {
      return;
    }
    String env = schedule.path("environment").asText();
    double margin = schedule.path("margin").asDouble(0.05);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    for (VariantSummary v : report.variants()) {
      if (v.digest() == null || v.prompt() == null || v.version() == null) {
        continue;
      }
      Optional<Pin> pin = tx.pins().find(run.project(), v.prompt(), env);
      if (pin.isEmpty() || pin.get().version() != v.version()) {
        continue; // deployed elsewhere since the run started
      }
      Optional<Double> baseline = baseline(tx, run, v, pin.get().updatedAt());
      if (baseline.isEmpty()) {
        continue; // this run is the first score of the version
      }
      var key = new Incident.Key(env, v.prompt(), IncidentKind.BEHAVIOUR, v.digest());
      Optional<Incident> open =
          tx.drift().unresolved(run.project()).stream()
              .filter(i -> i.key().equals(key))
              .findFirst();
      double fell = baseline.get() - v.meanScore();
      if (fell > margin) {
        String message =
            String.format(
                Locale.ROOT,
                "suite %s scored %.3f on %s v%d in %s, %.3f below the %.3f recorded at deployment"
                    + " (margin %.3f): the model may have changed under the same prompt; see run"
                    + " %s, and pin the model version or update the prompt",
                run.suiteName(),
                v.meanScore(),
                v.prompt(),
                v.version(),
                env,
                fell,
                baseline.get(),
                margin,
                run.id());
        if (open.isEmpty()) {
          drift.open(
              tx,
              run.project(),
              new DriftRules.Finding(key, v.version(), v.digest(), v.version(), List.of(), message),
              now);
        } else {
          tx.drift().updateIncident(open.get().withFindings(List.of(), message, now));
        }
      } else if (open.isPresent()) {
        drift.resolve(tx, open.get(), "run " + run.id() + " scored within the margin", now);
      }
    }
  }

  /**
   * The score recorded at deployment: the newest other finished run of the suite on the version
   * that ended by the time it was deployed, else the earliest that ended after.
   */
  private static Optional<Double> baseline(
      Tx tx, EvalRun run, VariantSummary v, Instant deployedAt) {
    List<EvalRun> runs =
        new ArrayList<>(
            tx.evals()
                .ofVersion(
                    run.project(), v.prompt(), v.digest(), EvalStatus.FINISHED, RUNS_LOOKED_AT));
    runs.removeIf(
        r ->
            r.id().equals(run.id())
                || !run.suiteName().equals(r.suiteName())
                || r.report() == null
                || r.finishedAt() == null);
    Optional<EvalRun> before =
        runs.stream()
            .filter(r -> !r.finishedAt().isAfter(deployedAt))
            .max(Comparator.comparing(EvalRun::finishedAt));
    Optional<EvalRun> chosen =
        before.isPresent() ? before : runs.stream().min(Comparator.comparing(EvalRun::finishedAt));
    return chosen.flatMap(
        r ->
            r.report().variants().stream()
                .filter(x -> v.digest().equals(x.digest()))
                .map(VariantSummary::meanScore)
                .findFirst());
  }
}
