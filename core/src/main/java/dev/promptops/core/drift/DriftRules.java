package dev.promptops.core.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The rules that turn what instances report into incidents and confirmations: pure functions of
 * their inputs, so every rule is tested without a database.
 *
 * <p>Only instances that report (SDKs) and are alive count: their last report is within the
 * instance timeout. What an instance serves for an environment and prompt is its most recent use
 * within the served window. Lookups by exact version are the application's own choice and never
 * drift.
 */
public final class DriftRules {
  private DriftRules() {}

  /** What is deployed to an environment for a prompt: the version, its digest, since when. */
  public record Deployed(int version, String digest, Instant since) {}

  /** Where a prompt is deployed, by environment then prompt. */
  public record Pins(Map<String, Map<String, Deployed>> byEnvironment) {
    public Optional<Deployed> of(String environment, String prompt) {
      return Optional.ofNullable(byEnvironment.getOrDefault(environment, Map.of()).get(prompt));
    }
  }

  /** An incident the reports call for now, before it is numbered and stored. */
  public record Finding(
      Incident.Key key,
      Integer version,
      String expectedDigest,
      Integer expectedVersion,
      List<String> instances,
      String message) {}

  /** What each live instance currently serves, per environment and prompt. */
  public static Map<Slot, Map<String, Served>> current(
      List<Served> served, Set<String> liveInstances, Instant now, DriftSettings settings) {
    Instant since = now.minus(settings.servedWindow());
    var current = new LinkedHashMap<Slot, Map<String, Served>>();
    for (Served s : served) {
      if (!s.byEnvironment()
          || !liveInstances.contains(s.instance())
          || s.lastSeen().isBefore(since)) {
        continue;
      }
      var byInstance =
          current.computeIfAbsent(
              new Slot(s.environment(), s.prompt()), k -> new LinkedHashMap<>());
      Served known = byInstance.get(s.instance());
      if (known == null || newer(s, known)) {
        byInstance.put(s.instance(), s);
      }
    }
    return current;
  }

  /** An environment and a prompt. */
  public record Slot(String environment, String prompt) {}

  private static boolean newer(Served a, Served b) {
    int c = a.lastSeen().compareTo(b.lastSeen());
    // at the same instant, a use from the server beats one from the snapshot
    return c > 0 || (c == 0 && b.fallback() && !a.fallback());
  }

  /**
   * The incidents that should be open now.
   *
   * @param registered the version a digest is of for a prompt, or empty when it is not registered
   */
  public static List<Finding> findings(
      Map<Slot, Map<String, Served>> current,
      Pins pins,
      BiFunction<String, String, Optional<Integer>> registered,
      Instant now,
      DriftSettings settings) {
    var grouped = new LinkedHashMap<Incident.Key, Group>();
    for (var slot : current.entrySet()) {
      String env = slot.getKey().environment();
      String prompt = slot.getKey().prompt();
      Optional<Deployed> deployed = pins.of(env, prompt);
      for (Served s : slot.getValue().values()) {
        IncidentKind kind;
        if (s.fallback()) {
          kind = IncidentKind.FALLBACK;
        } else if (deployed.isEmpty()) {
          kind = IncidentKind.ORPHAN;
        } else if (deployed.get().digest().equals(s.digest())) {
          continue;
        } else if (registered.apply(prompt, s.digest()).isEmpty()) {
          kind = IncidentKind.UNKNOWN;
        } else if (s.lastSeen().isAfter(deployed.get().since().plus(settings.grace()))) {
          kind = IncidentKind.STALE;
        } else {
          continue; // still converging
        }
        var key = new Incident.Key(env, prompt, kind, s.digest());
        grouped
            .computeIfAbsent(
                key,
                k ->
                    new Group(
                        k,
                        s.version() != null
                            ? s.version()
                            : registered.apply(prompt, s.digest()).orElse(null),
                        deployed.orElse(null)))
            .instances
            .add(s.instance());
      }
    }
    var findings = new ArrayList<Finding>();
    for (Group g : grouped.values()) {
      findings.add(g.finding(now, settings));
    }
    return findings;
  }

  private static final class Group {
    final Incident.Key key;
    final Integer version;
    final Deployed deployed;
    final Set<String> instances = new TreeSet<>();

    Group(Incident.Key key, Integer version, Deployed deployed) {
      this.key = key;
      this.version = version;
      this.deployed = deployed;
    }

    Finding finding(Instant now, DriftSettings settings) {
      String who = describe(List.copyOf(instances));
      String what = key.prompt() + " in " + key.environment();
      String served = (version == null ? "" : "v" + version + " ") + shortDigest(key.digest());
      String expected =
          deployed == null ? "" : "v" + deployed.version() + " " + shortDigest(deployed.digest());
      String message =
          switch (key.kind()) {
            case FALLBACK ->
                who
                    + " serve"
                    + s(instances)
                    + " "
                    + what
                    + " from a snapshot ("
                    + served
                    + "): they could not reach the server; check their network, server URL and"
                    + " API key";
            case ORPHAN ->
                who
                    + " serve"
                    + s(instances)
                    + " "
                    + what
                    + " ("
                    + served
                    + ") but nothing is"
                    + " deployed there; deploy a version to "
                    + key.environment()
                    + " or stop serving it";
            case UNKNOWN ->
                who
                    + " serve"
                    + s(instances)
                    + " "
                    + what
                    + " as "
                    + shortDigest(key.digest())
                    + ", which is no registered version (deployed: "
                    + expected
                    + "): a"
                    + " hand-edited or hard-coded prompt; push it, or serve the registered one";
            case STALE ->
                who
                    + " still serve"
                    + s(instances)
                    + " "
                    + what
                    + " as "
                    + served
                    + " more than "
                    + human(settings.grace())
                    + " after "
                    + expected
                    + " was deployed ("
                    + human(Duration.between(deployed.since(), now))
                    + " ago): a stale cache;"
                    + " check the SDK's cache TTL, or restart the instance";
            case BEHAVIOUR -> throw new IllegalStateException("behaviour is not found in reports");
          };
      return new Finding(
          key,
          version,
          deployed == null ? null : deployed.digest(),
          deployed == null ? null : deployed.version(),
          List.copyOf(instances),
          message);
    }
  }

  /**
   * A pending confirmation checked against what live instances serve now: confirmed when at least
   * one serves the new digest and every one does; superseded when the pin moved elsewhere.
   */
  public static Confirmation check(
      Confirmation pending,
      Map<Slot, Map<String, Served>> current,
      Optional<Deployed> deployed,
      boolean newest,
      Instant now) {
    if (!newest || deployed.isEmpty() || deployed.get().version() != pending.version()) {
      return pending.with(
          Confirmation.State.SUPERSEDED, pending.converged(), pending.lagging(), now, null, null);
    }
    var converged = new ArrayList<String>();
    var lagging = new ArrayList<Confirmation.Lagging>();
    Duration took = Duration.ZERO;
    var serving = current.getOrDefault(new Slot(pending.environment(), pending.prompt()), Map.of());
    for (Served s : serving.values()) {
      if (!s.fallback() && s.digest().equals(pending.digest())) {
        converged.add(s.instance());
        Duration first = Duration.between(pending.deployedAt(), s.firstSeen());
        if (first.compareTo(took) > 0) {
          took = first;
        }
      } else {
        lagging.add(new Confirmation.Lagging(s.instance(), s.digest(), s.version(), s.fallback()));
      }
    }
    converged.sort(Comparator.naturalOrder());
    lagging.sort(Comparator.comparing(Confirmation.Lagging::instance));
    if (!converged.isEmpty() && lagging.isEmpty()) {
      Instant at = pending.deployedAt().plus(took);
      if (at.isAfter(now)) {
        at = now;
        took = Duration.between(pending.deployedAt(), now);
      }
      return pending.with(Confirmation.State.CONFIRMED, converged, lagging, now, at, took);
    }
    return pending.with(Confirmation.State.PENDING, converged, lagging, now, null, null);
  }

  /** {@code sha256:} and the first 12 hex digits. */
  public static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    int end = Math.min(digest.length(), colon + 13);
    return digest.substring(0, end);
  }

  private static String describe(List<String> instances) {
    if (instances.size() == 1) {
      return "instance " + instances.get(0);
    }
    int shown = Math.min(instances.size(), 5);
    String names = String.join(", ", instances.subList(0, shown));
    return instances.size()
        + " instances ("
        + names
        + (instances.size() > shown ? ", …" : "")
        + ")";
  }

  private static String s(Set<String> instances) {
    return instances.size() == 1 ? "s" : "";
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return (s / 60) + " min";
    }
    return (s / 3600) + " h";
  }
}
