package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.AccessDeniedException;
import dev.promptops.core.ConflictException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditQuery;
import dev.promptops.core.registry.DeployOutcome;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.registry.DeploymentKind;
import dev.promptops.core.registry.Pin;
import dev.promptops.core.registry.TargetKind;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Deployments} on a real store: every move is compare-and-set, ledgered and audited. */
abstract class DeploymentsContract extends StoreContract {

  @BeforeEach
  void shopWithFourVersions() {
    createShop();
    pushVersions("greet", 4);
  }

  @Test
  void deployPinsTheVersionAndWritesOneLedgerAndOneAuditEntry() {
    clock = Clock.offset(clock, Duration.ofMinutes(5));
    var before = rowCounts();

    DeployOutcome outcome =
        deployments()
            .deploy(DEPLOYER, "shop", "greet", TargetKind.ENVIRONMENT, "staging", 2, null, " go ");

    assertThat(outcome.changed()).isTrue();
    assertThat(outcome.version()).isEqualTo(2);
    Deployment d = outcome.deployment();
    assertThat(d)
        .isEqualTo(
            new Deployment(
                d.id(),
                "shop",
                "greet",
                "staging",
                TargetKind.ENVIRONMENT,
                null,
                2,
                DeploymentKind.DEPLOY,
                "deployer",
                "go",
                T0.plus(Duration.ofMinutes(5))));
    assertThat(pin("staging")).contains(2);
    assertThat(history(null)).containsExactly(d);
    assertThat(rowCounts())
        .containsEntry("deployments", before.get("deployments") + 1)
        .containsEntry("audit_log", before.get("audit_log") + 1)
        .containsEntry("pins", before.get("pins") + 1);
    AuditEntry last = store.read((Tx tx) -> tx.audit().last()).orElseThrow();
    assertThat(last.action()).isEqualTo("deployment.deploy");
    assertThat(last.actor()).isEqualTo("deployer");
    assertThat(last.target()).isEqualTo("greet");
    assertThat(last.details().get("toVersion").intValue()).isEqualTo(2);
    assertThat(last.details().get("toDigest").asText())
        .as("the entry names exactly what was deployed")
        .isEqualTo(versions().version(ADMIN, "shop", "greet", 2).digest());
    assertThat(last.details().get("id").longValue()).isEqualTo(d.id());
  }

  @Test
  void deployingTheVersionAlreadyPinnedWritesNothing() {
    deploy("greet", "staging", 2, null);
    var before = rowCounts();

    DeployOutcome again = deploy("greet", "staging", 2, 2);

    assertThat(again.changed()).isFalse();
    assertThat(again.deployment()).isNull();
    assertThat(again.version()).isEqualTo(2);
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void aStaleExpectedVersionIsAConflictWithTheCurrentStateAndChangesNothing() {
    deploy("greet", "staging", 1, null);
    Deployment last = deploy("greet", "staging", 3, 1).deployment();
    String digest3 = versions().version(ADMIN, "shop", "greet", 3).digest();
    var before = rowCounts();

    assertThatThrownBy(() -> deploy("greet", "staging", 4, 1))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.code()).isEqualTo("pin_changed");
              assertThat(e.getMessage()).contains("pins greet@3, not greet@1");
              assertThat(e.details().get("prompt").textValue()).isEqualTo("greet");
              assertThat(e.details().get("target").textValue()).isEqualTo("staging");
              assertThat(e.details().get("currentVersion").intValue()).isEqualTo(3);
              assertThat(e.details().get("currentDigest").textValue()).isEqualTo(digest3);
              assertThat(e.details().get("lastDeployment").get("id").longValue())
                  .isEqualTo(last.id());
            });
    assertThatThrownBy(() -> deploy("greet", "staging", 4, null))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> deploy("greet", "production", 4, 2))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.details().get("currentVersion").isNull()).isTrue());
    assertThat(rowCounts()).isEqualTo(before);
    assertThat(pin("staging")).contains(3);
  }

  @Test
  void promoteCarriesTheVersionOfOneEnvironmentToALaterOne() {
    deploy("greet", "staging", 3, null);

    DeployOutcome outcome =
        deployments().promote(ADMIN, "shop", "greet", "staging", "production", null, "green");

    assertThat(outcome.deployment().kind()).isEqualTo(DeploymentKind.PROMOTE);
    assertThat(pin("production")).contains(3);
    refusedWithoutChange(
        () -> deployments().promote(ADMIN, "shop", "greet", "production", "dev", null, ""),
        InvalidInputException.class,
        "promote_backwards");
    refusedWithoutChange(
        () -> deployments().promote(ADMIN, "shop", "greet", "dev", "staging", 3, ""),
        NotFoundException.class,
        "nothing_deployed");
  }

  @Test
  void rollbackWithoutAVersionPicksThePreviousOneAndSkipsVersionsRolledBackFrom() {
    deploy("greet", "production", 1, null);
    deploy("greet", "production", 2, 1);
    deploy("greet", "production", 3, 2);

    var first = deployments().rollback(ADMIN, "shop", "greet", "production", null, 3, "bad");
    assertThat(first.deployment().kind()).isEqualTo(DeploymentKind.ROLLBACK);
    assertThat(first.deployment().fromVersion()).isEqualTo(3);
    assertThat(first.deployment().toVersion()).isEqualTo(2);

    var second = deployments().rollback(ADMIN, "shop", "greet", "production", null, 2, "worse");
    assertThat(second.deployment().toVersion())
        .as("v3 was rolled back from, so the one before v2 is v1")
        .isEqualTo(1);

    refusedWithoutChange(
        () -> deployments().rollback(ADMIN, "shop", "greet", "production", null, 1, ""),
        NotFoundException.class,
        "no_earlier_version");
    assertThat(pin("production")).contains(1);
  }

  @Test
  void rollbackToANamedVersion() {
    deploy("greet", "production", 1, null);
    deploy("greet", "production", 4, 1);

    var outcome = deployments().rollback(ADMIN, "shop", "greet", "production", 2, 4, "");

    assertThat(outcome.deployment().toVersion()).isEqualTo(2);
    assertThat(pin("production")).contains(2);
    refusedWithoutChange(
        () -> deployments().rollback(ADMIN, "shop", "greet", "production", 3, 2, ""),
        InvalidInputException.class,
        "rollback_forward");
    refusedWithoutChange(
        () -> deployments().rollback(ADMIN, "shop", "greet", "qa", null, 2, ""),
        NotFoundException.class,
        "environment_not_found");
  }

  @Test
  void unpinRemovesALabelAndRecordsIt() {
    deploy("greet", "canary", 4, null);

    var outcome = deployments().unpin(ADMIN, "shop", "greet", "canary", 4, "done");

    assertThat(outcome.changed()).isTrue();
    assertThat(outcome.version()).isNull();
    assertThat(outcome.deployment().kind()).isEqualTo(DeploymentKind.UNPIN);
    assertThat(outcome.deployment().fromVersion()).isEqualTo(4);
    assertThat(outcome.deployment().toVersion()).isNull();
    assertThat(pin("canary")).isEmpty();
    assertThat(history("canary"))
        .extracting(Deployment::kind)
        .containsExactly(DeploymentKind.UNPIN, DeploymentKind.DEPLOY);
    refusedWithoutChange(
        () -> deployments().unpin(ADMIN, "shop", "greet", "canary", 4, ""),
        NotFoundException.class,
        "label_not_found");
  }

  @Test
  void unpinRefusesEnvironmentsAndStaleExpectations() {
    deploy("greet", "staging", 1, null);
    deploy("greet", "canary", 2, null);

    refusedWithoutChange(
        () -> deployments().unpin(ADMIN, "shop", "greet", "staging", 1, ""),
        InvalidInputException.class,
        "cannot_unpin_environment");
    refusedWithoutChange(
        () -> deployments().unpin(ADMIN, "shop", "greet", "canary", 1, ""),
        ConflictException.class,
        "pin_changed");
  }

  @Test
  void historyIsNewestFirstAndFiltersByTarget() {
    deploy("greet", "dev", 1, null);
    deploy("greet", "staging", 1, null);
    deploy("greet", "dev", 2, 1);

    assertThat(history(null))
        .extracting(d -> d.target() + "@" + d.toVersion())
        .containsExactly("dev@2", "staging@1", "dev@1");
    assertThat(history("dev")).extracting(Deployment::toVersion).containsExactly(2, 1);
    assertThat(deployments().history(ADMIN, "shop", "greet", null, 1)).hasSize(1);
    refusedWithoutChange(
        () -> deployments().history(ADMIN, "shop", "nope", null, 10),
        NotFoundException.class,
        "prompt_not_found");
  }

  @Test
  void badTargetsAndUnknownThingsAreRefusedAndChangeNothing() {
    refusedWithoutChange(
        () -> deploy("greet", "Prod", 1, null), InvalidInputException.class, "invalid_target_name");
    refusedWithoutChange(
        () -> deploy("greet", "latest", 1, null), InvalidInputException.class, "reserved_label");
    refusedWithoutChange(
        () -> deploy("greet", "qa", 1, null), NotFoundException.class, "environment_not_found");
    refusedWithoutChange(
        () ->
            deployments().deploy(ADMIN, "shop", "greet", TargetKind.LABEL, "staging", 1, null, ""),
        InvalidInputException.class,
        "not_a_label");
    refusedWithoutChange(
        () -> deploy("greet", "staging", 5, null), NotFoundException.class, "version_not_found");
    refusedWithoutChange(
        () -> deploy("nope", "staging", 1, null), NotFoundException.class, "prompt_not_found");
    refusedWithoutChange(
        () -> deploy("bad name", "staging", 1, null),
        InvalidInputException.class,
        "invalid_prompt_name");
    refusedWithoutChange(
        () ->
            deployments()
                .deploy(CI, "shop", "greet", TargetKind.ENVIRONMENT, "staging", 1, null, ""),
        AccessDeniedException.class,
        "forbidden");
    refusedWithoutChange(
        () ->
            deployments()
                .deploy(
                    ADMIN,
                    "shop",
                    "greet",
                    TargetKind.ENVIRONMENT,
                    "staging",
                    1,
                    null,
                    "x".repeat(2001)),
        InvalidInputException.class,
        "reason_too_long");
  }

  @Test
  void everyMoveIsInTheAuditLogAndTheChainVerifies() {
    deploy("greet", "staging", 1, null);
    deployments().promote(ADMIN, "shop", "greet", "staging", "production", null, "");
    deploy("greet", "staging", 3, 1);
    deployments().rollback(ADMIN, "shop", "greet", "staging", 1, 3, "");
    deploy("greet", "canary", 2, null);
    deployments().unpin(ADMIN, "shop", "greet", "canary", 2, "");

    assertThat(
            store.read(
                (Tx tx) ->
                    tx.audit()
                        .query(new AuditQuery("shop", null, null, "greet", null, null, 0, 100))))
        .extracting(AuditEntry::action)
        .containsSubsequence(
            "deployment.deploy",
            "deployment.promote",
            "deployment.deploy",
            "deployment.rollback",
            "deployment.deploy",
            "deployment.unpin");
    assertThat(audit.verify(store).ok()).isTrue();
  }

  List<Deployment> history(String target) {
    return deployments().history(ADMIN, "shop", "greet", target, 100);
  }

  Optional<Integer> pin(String target) {
    return store.read((Tx tx) -> tx.pins().find("shop", "greet", target)).map(Pin::version);
  }
}
