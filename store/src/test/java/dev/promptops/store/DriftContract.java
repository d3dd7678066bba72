package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.AccessDeniedException;
import dev.promptops.core.ConflictException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.auth.Role;
import dev.promptops.core.drift.Confirmation;
import dev.promptops.core.drift.Drift;
import dev.promptops.core.drift.DriftReport;
import dev.promptops.core.drift.DriftSettings;
import dev.promptops.core.drift.Incident;
import dev.promptops.core.drift.IncidentKind;
import dev.promptops.core.drift.IncidentState;
import dev.promptops.core.drift.InstanceInfo;
import dev.promptops.core.drift.Schedule;
import dev.promptops.core.drift.Served;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift on a real database: reports turn into incidents that open, update and resolve on their own;
 * deployments converge and are confirmed; schedules are claimed once.
 */
abstract class DriftContract extends StoreContract {
  static final DriftSettings SETTINGS =
      new DriftSettings(
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofSeconds(1),
          Duration.ofDays(1));
  static final Principal VIEWER = new Principal("k_view", "viewer", Map.of("shop", Role.VIEWER));

  final MovingClock now = new MovingClock(T0);
  Drift drift;
  String v1;
  String v2;

  @BeforeEach
  void withDrift() {
    clock = now;
    audit = new AuditLog(List.of(Drift.confirmations()));
    drift = new Drift(store, audit, now, SETTINGS);
    createShop();
    pushVersions("greet", 2);
    v1 = digest(1);
    v2 = digest(2);
  }

  String digest(int version) {
    return store
        .read((Tx tx) -> tx.versions().find("shop", "greet", version))
        .orElseThrow()
        .digest();
  }

  void report(String instance, String env, String digest, boolean fallback) {
    Instant at = now.instant();
    drift.report(
        VIEWER,
        "shop",
        new DriftReport(
            new InstanceInfo(
                instance,
                "checkout",
                "host-" + instance,
                "promptops-java/test",
                InstanceInfo.Source.SDK,
                T0,
                at,
                at,
                0,
                0),
            List.of(new Served(instance, env, "greet", digest, fallback, null, 3, at, at))));
  }

  List<Incident> unresolved() {
    return drift.incidents(ADMIN, "shop", null, null, 100).stream()
        .filter(i -> !i.resolved())
        .toList();
  }

  Confirmation confirmationOf(long deploymentId) {
    return drift.confirmation(VIEWER, "shop", deploymentId);
  }

  @Test
  void aDeploymentIsConfirmedWhenEveryLiveInstanceServesItsDigest() {
    long first = deploy("greet", "production", 1, null).deployment().id();
    assertThat(confirmationOf(first).state()).isEqualTo(Confirmation.State.PENDING);

    now.advance(Duration.ofSeconds(2));
    report("a", "production", v1, false);
    report("b", "production", v1, false);
    Confirmation c = confirmationOf(first);
    assertThat(c.state()).isEqualTo(Confirmation.State.CONFIRMED);
    assertThat(c.converged())
        .as("confirmed at a's report: b was not live yet")
        .containsExactly("a");
    assertThat(c.took()).isEqualTo(Duration.ofSeconds(2));
    assertThat(actions()).contains("deployment.confirmed");

    now.advance(Duration.ofSeconds(5));
    long second = deploy("greet", "production", 2, 1).deployment().id();
    now.advance(Duration.ofSeconds(3));
    report("a", "production", v2, false);
    report("b", "production", v1, false);
    c = confirmationOf(second);
    assertThat(c.state()).isEqualTo(Confirmation.State.PENDING);
    assertThat(c.converged()).containsExactly("a");
    assertThat(c.lagging()).containsExactly(new Confirmation.Lagging("b", v1, 1, false));
    assertThat(unresolved()).as("b is within the grace").isEmpty();

    now.advance(Duration.ofSeconds(40));
    report("b", "production", v1, false);
    Incident stale = unresolved().getFirst();
    assertThat(stale.kind()).isEqualTo(IncidentKind.STALE);
    assertThat(stale.instances()).containsExactly("b");
    assertThat(stale.version()).isEqualTo(1);
    assertThat(stale.expectedVersion()).isEqualTo(2);
    assertThat(stale.message())
        .contains("instance b", "greet in production", "v1", "v2", "stale cache");

    now.advance(Duration.ofSeconds(1));
    report("b", "production", v2, false);
    assertThat(unresolved()).isEmpty();
    assertThat(drift.incident(VIEWER, "shop", stale.number()).state())
        .isEqualTo(IncidentState.RESOLVED);
    c = confirmationOf(second);
    assertThat(c.state()).isEqualTo(Confirmation.State.CONFIRMED);
    assertThat(c.took()).isEqualTo(Duration.ofSeconds(44));
    assertThat(actions()).contains("drift.open", "drift.resolve");
  }

  @Test
  void anInstanceThatStopsReportingNoLongerHoldsAConfirmationBack() {
    deploy("greet", "production", 1, null);
    report("a", "production", v1, false);
    report("b", "production", v1, false);
    long second = deploy("greet", "production", 2, 1).deployment().id();
    report("a", "production", v2, false);
    assertThat(confirmationOf(second).state()).isEqualTo(Confirmation.State.PENDING);

    now.advance(Duration.ofSeconds(61));
    drift.evaluateAll();
    assertThat(confirmationOf(second).state())
        .as("a reported last 61 s ago too: nobody is live")
        .isEqualTo(Confirmation.State.PENDING);
    report("a", "production", v2, false);
    assertThat(confirmationOf(second).state()).isEqualTo(Confirmation.State.CONFIRMED);
    assertThat(confirmationOf(second).converged()).containsExactly("a");
  }

  @Test
  void anOlderDeploymentIsSupersededByTheNext() {
    long first = deploy("greet", "production", 1, null).deployment().id();
    long second = deploy("greet", "production", 2, 1).deployment().id();
    report("a", "production", v2, false);
    assertThat(confirmationOf(first).state()).isEqualTo(Confirmation.State.SUPERSEDED);
    assertThat(confirmationOf(second).state()).isEqualTo(Confirmation.State.CONFIRMED);
    assertThat(drift.confirmations(VIEWER, "shop", "greet", "production", 10))
        .extracting(Confirmation::deploymentId)
        .containsExactly(second, first);
  }

  @Test
  void anUnregisteredDigestOpensAnUnknownIncidentAtOnceWhichCanBeAcknowledged() {
    deploy("greet", "production", 1, null);
    String edited = "sha256:" + "ab".repeat(32);
    report("a", "production", edited, false);

    Incident unknown = unresolved().getFirst();
    assertThat(unknown.kind()).isEqualTo(IncidentKind.UNKNOWN);
    assertThat(unknown.version()).isNull();
    assertThat(unknown.message()).contains("instance a", "no registered version", "hand-edited");

    assertThatThrownBy(() -> drift.acknowledge(VIEWER, "shop", unknown.number(), "mine"))
        .isInstanceOf(AccessDeniedException.class);
    Incident acked = drift.acknowledge(ADMIN, "shop", unknown.number(), "hotfix, pushing it");
    assertThat(acked.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
    assertThat(acked.note()).isEqualTo("hotfix, pushing it");

    now.advance(Duration.ofSeconds(1));
    report("a", "production", v1, false);
    assertThat(drift.incident(VIEWER, "shop", unknown.number()).state())
        .isEqualTo(IncidentState.RESOLVED);
    assertThatThrownBy(() -> drift.acknowledge(ADMIN, "shop", unknown.number(), ""))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("resolved");
    assertThatThrownBy(() -> drift.incident(VIEWER, "shop", 99))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("#99");
  }

  @Test
  void servingWhereNothingIsDeployedIsAnOrphanAndASnapshotIsAFallback() {
    deploy("greet", "production", 1, null);
    report("a", "dev", v1, false);
    report("b", "production", v1, true);
    report("c", "production", v1, true);

    var kinds = unresolved().stream().map(Incident::kind).toList();
    assertThat(kinds).containsExactlyInAnyOrder(IncidentKind.ORPHAN, IncidentKind.FALLBACK);
    Incident fallback =
        unresolved().stream().filter(i -> i.kind() == IncidentKind.FALLBACK).findFirst().get();
    assertThat(fallback.instances()).containsExactly("b", "c");
    assertThat(fallback.message()).contains("2 instances (b, c)", "snapshot");

    now.advance(Duration.ofSeconds(1));
    report("b", "production", v1, false);
    fallback = drift.incident(VIEWER, "shop", fallback.number());
    assertThat(fallback.instances()).as("updated in place").containsExactly("c");
    report("c", "production", v1, false);
    assertThat(unresolved()).extracting(Incident::kind).containsExactly(IncidentKind.ORPHAN);
  }

  @Test
  void lookupsByExactVersionNeverDrift() {
    deploy("greet", "production", 2, null);
    report("a", "", v1, false);
    assertThat(unresolved()).isEmpty();
    assertThat(drift.status(VIEWER, "shop", null).served()).hasSize(1);
  }

  @Test
  void badReportsAreRefusedWithoutChange() {
    var before = rowCounts();
    Instant at = now.instant();
    var many = new ArrayList<Served>();
    for (int i = 0; i <= DriftReport.MAX_SERVED; i++) {
      many.add(new Served("a", "production", "p" + i, v1, false, null, 1, at, at));
    }
    var instance =
        new InstanceInfo("a", "app", "", "", InstanceInfo.Source.SDK, null, at, at, 0, 0);
    assertThatThrownBy(() -> drift.report(VIEWER, "shop", new DriftReport(instance, many)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at most 1000");
    assertThatThrownBy(() -> drift.report(ADMIN, "nope", new DriftReport(instance, List.of())))
        .isInstanceOf(NotFoundException.class);
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void aScheduleIsClaimedByOneWorkerAndTakenOverAfterItsLease() {
    store.write(
        (Tx tx) -> {
          tx.suites()
              .put(
                  new dev.promptops.core.eval.runs.RegisteredSuite(
                      "shop",
                      "support",
                      dev.promptops.core.json.Json.object(),
                      "sha256:00",
                      T0,
                      "admin"));
          tx.drift()
              .putSchedule(
                  new Schedule(
                      "shop",
                      "support",
                      "production",
                      Duration.ofHours(6),
                      0.05,
                      T0,
                      null,
                      T0,
                      "admin"));
          return null;
        });
    var a = store.write((Tx tx) -> tx.drift().claimSchedule("a", T0, Duration.ofMinutes(5)));
    var b = store.write((Tx tx) -> tx.drift().claimSchedule("b", T0, Duration.ofMinutes(5)));
    assertThat(a).isPresent();
    assertThat(b).as("held by a").isEmpty();
    Instant later = T0.plus(Duration.ofMinutes(6));
    var c = store.write((Tx tx) -> tx.drift().claimSchedule("b", later, Duration.ofMinutes(5)));
    assertThat(c).as("a's lease expired").isPresent();
    assertThat(store.write((Tx tx) -> tx.drift().scheduled(a.get(), "a", later, null)))
        .as("a lost it")
        .isFalse();
    assertThat(
            store.write(
                (Tx tx) -> tx.drift().scheduled(c.get(), "b", later.plusSeconds(60), "ev_1")))
        .isTrue();
    Schedule moved = store.read((Tx tx) -> tx.drift().schedules("shop")).getFirst();
    assertThat(moved.lastRun()).isEqualTo("ev_1");
    assertThat(moved.nextRunAt()).isEqualTo(later.plusSeconds(60));
    assertThat(store.write((Tx tx) -> tx.drift().claimSchedule("a", later, Duration.ofMinutes(5))))
        .as("not due")
        .isEmpty();
  }

  @Test
  void aChangedScheduleIsAuditedWithWhatItWasBefore() {
    store.write(
        (Tx tx) -> {
          tx.suites()
              .put(
                  new dev.promptops.core.eval.runs.RegisteredSuite(
                      "shop",
                      "support",
                      dev.promptops.core.json.Json.object(),
                      "sha256:00",
                      T0,
                      "admin"));
          return null;
        });
    var schedules = new dev.promptops.core.drift.DriftSchedules(store, audit, now, drift);
    var every6h =
        new dev.promptops.core.drift.DriftSchedules.Spec(
            "support", "production", Duration.ofHours(6), 0.05);
    var every1h =
        new dev.promptops.core.drift.DriftSchedules.Spec(
            "support", "production", Duration.ofHours(1), 0.05);
    schedules.replace(ADMIN, "shop", List.of(every6h));
    schedules.replace(ADMIN, "shop", List.of(every6h));
    schedules.replace(ADMIN, "shop", List.of(every1h));

    assertThat(actions().stream().filter("schedule.update"::equals)).hasSize(2);
    var last = store.read((Tx tx) -> tx.audit().last()).orElseThrow().details();
    assertThat(last.path("before").toString()).contains("every 21600s");
    assertThat(last.path("after").toString()).contains("every 3600s");
  }

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    private Instant at;

    MovingClock(Instant at) {
      this.at = at;
    }

    void advance(Duration d) {
      at = at.plus(d);
    }

    @Override
    public Instant instant() {
      return at;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
