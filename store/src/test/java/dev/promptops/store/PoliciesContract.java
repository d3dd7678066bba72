package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.AccessDeniedException;
import dev.promptops.core.ConflictException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditQuery;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.GateVerdict;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.json.Json;
import dev.promptops.core.policy.Policies;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.registry.TargetKind;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Environment policies on a real store: versioned and audited, and enforced by every deployment in
 * its own transaction (freeze windows, "deployed to ENV first", eval suites passed on the server),
 * with an administrator's break-glass deployment flagged in the ledger and the audit trail.
 */
abstract class PoliciesContract extends StoreContract {

  Policies policies() {
    return new Policies(store, audit, clock);
  }

  static JsonNode json(String text) {
    return Json.parseTrusted(text);
  }

  @Test
  void eachChangeIsANewAuditedVersionAndTheSamePolicyAgainChangesNothing() {
    createShop();
    assertThat(policies().current(ADMIN, "shop").version()).isZero();

    var first =
        policies().set(ADMIN, "shop", json("{\"production\": {\"after\": \"staging\"}}"), "safer");
    var again =
        policies().set(ADMIN, "shop", json("{\"production\": {\"after\": \"staging\"}}"), "x");
    var second =
        policies().set(ADMIN, "shop", json("{\"production\": {\"evals\": [\"support\"]}}"), null);

    assertThat(first.changed()).isTrue();
    assertThat(first.policy().version()).isEqualTo(1);
    assertThat(again.changed()).isFalse();
    assertThat(again.policy().version()).isEqualTo(1);
    assertThat(second.policy().version()).isEqualTo(2);
    assertThat(policies().current(DEPLOYER, "shop").policy().of("production").orElseThrow().evals())
        .containsExactly("support");
    assertThat(policies().history(ADMIN, "shop", 10))
        .extracting(p -> p.version())
        .containsExactly(2, 1);
    List<AuditEntry> audited =
        store.read((Tx tx) -> tx.audit().query(AuditQuery.all(100))).stream()
            .filter(e -> e.action().equals("policy.update"))
            .toList();
    assertThat(audited).hasSize(2);
    assertThat(audited.getFirst().details().at("/after/production/after").asText())
        .isEqualTo("staging");
    assertThat(audited.getFirst().details().get("reason").asText()).isEqualTo("safer");
    assertThat(audited.get(1).details().at("/before/production/after").asText())
        .isEqualTo("staging");
  }

  @Test
  void aPolicyIsCheckedAgainstTheProjectAndOnlyAnAdminSetsIt() {
    createShop();
    assertThatThrownBy(() -> policies().set(ADMIN, "shop", json("{\"prod\": {}}"), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'prod', which is not an environment of project 'shop'");
    assertThatThrownBy(
            () ->
                policies()
                    .set(ADMIN, "shop", json("{\"staging\": {\"after\": \"production\"}}"), null))
        .hasMessageContaining("after must name an environment that comes before 'staging'");
    assertThatThrownBy(
            () ->
                policies()
                    .set(ADMIN, "shop", json("{\"production\": {\"aftr\": \"staging\"}}"), null))
        .hasMessageContaining("unknown key 'aftr'");
    assertThatThrownBy(
            () ->
                policies()
                    .set(
                        ADMIN,
                        "shop",
                        json(
                            "{\"production\": {\"freeze\": [{\"start\": \"2026-12-27T00:00:00Z\","
                                + " \"end\": \"2026-12-24T00:00:00Z\"}]}}"),
                        null))
        .hasMessageContaining("ends (2026-12-24T00:00:00Z) before it starts");
    assertThatThrownBy(() -> policies().set(DEPLOYER, "shop", json("{\"production\": {}}"), null))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(policies().current(ADMIN, "shop").version()).isZero();
  }

  @Test
  void productionRefusesAVersionThatDidNotRunInStagingFirst() {
    createShop();
    pushVersions("greet", 2);
    policies().set(ADMIN, "shop", json("{\"production\": {\"after\": \"staging\"}}"), null);

    assertThatThrownBy(() -> deploy("greet", "production", 1, null))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "the policy of 'production' does not allow greet@1: greet@1 has not been deployed to"
                + " 'staging', which 'production' requires first")
        .satisfies(
            e ->
                assertThat(((ConflictException) e).hint())
                    .isEqualTo(
                        "deploy it to staging first: promptops deploy greet@1 --env staging"));
    assertThat(pinOf("greet", "production")).isNull();

    deploy("greet", "staging", 1, null);
    deploy("greet", "staging", 2, 1);
    assertThat(deploy("greet", "production", 1, null).changed()).isTrue();
    var promoted =
        deployments().promote(DEPLOYER, "shop", "greet", "staging", "production", 1, "go");
    assertThat(promoted.version()).isEqualTo(2);
    assertThat(
            deployments().rollback(DEPLOYER, "shop", "greet", "production", 1, 2, "bad").version())
        .isEqualTo(1);
  }

  @Test
  void aFrozenEnvironmentTakesNothingNotEvenARollbackUnlessAnAdminBreaksTheGlass() {
    createShop();
    pushVersions("greet", 2);
    deploy("greet", "production", 1, null);
    deploy("greet", "production", 2, 1);
    policies()
        .set(
            ADMIN,
            "shop",
            json(
                "{\"production\": {\"freeze\": [{\"start\": \"2026-11-25T00:00:00Z\","
                    + " \"end\": \"2026-11-26T00:00:00Z\", \"reason\": \"launch day\"}]}}"),
            null);

    assertThatThrownBy(
            () -> deployments().rollback(DEPLOYER, "shop", "greet", "production", 1, 2, "bad"))
        .hasMessageContaining(
            "'production' is frozen from 2026-11-25T00:00:00Z to 2026-11-26T00:00:00Z (launch"
                + " day)");
    assertThatThrownBy(
            () ->
                deployments()
                    .deploy(
                        DEPLOYER,
                        "shop",
                        "greet",
                        TargetKind.ENVIRONMENT,
                        "production",
                        1,
                        2,
                        "x",
                        true))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(
            () ->
                deployments()
                    .deploy(
                        ADMIN,
                        "shop",
                        "greet",
                        TargetKind.ENVIRONMENT,
                        "production",
                        1,
                        2,
                        " ",
                        true))
        .hasMessage("a break-glass deployment needs a reason");

    var glass =
        deployments()
            .deploy(
                ADMIN,
                "shop",
                "greet",
                TargetKind.ENVIRONMENT,
                "production",
                1,
                2,
                "incident 7",
                true);

    assertThat(glass.version()).isEqualTo(1);
    Deployment last =
        store
            .read((Tx tx) -> tx.deployments().history("shop", "greet", "production", 1))
            .getFirst();
    assertThat(last.breakGlass()).isTrue();
    AuditEntry entry = store.read((Tx tx) -> tx.audit().last()).orElseThrow();
    assertThat(entry.action()).isEqualTo("deployment.break_glass");
    assertThat(entry.details().get("breakGlass").asBoolean()).isTrue();
    assertThat(audit.verify(store).ok()).isTrue();

    var after =
        new dev.promptops.core.registry.Deployments(
            store, audit, Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC));
    assertThat(
            after
                .deploy(DEPLOYER, "shop", "greet", TargetKind.ENVIRONMENT, "production", 2, 1, "ok")
                .changed())
        .as("the window has ended")
        .isTrue();
  }

  @Test
  void aRequiredSuiteMustHavePassedOnTheServerForThatVeryVersion() {
    createShop();
    pushVersions("greet", 2);
    policies().set(ADMIN, "shop", json("{\"staging\": {\"evals\": [\"support\"]}}"), null);
    String v1 = digestOf("greet", 1);
    String v2 = digestOf("greet", 2);

    storeRun("ev_fail", v1, "server", false);
    storeRun("ev_upload", v1, "upload", true);
    storeRun("ev_other", v2, "server", true);
    assertThatThrownBy(() -> deploy("greet", "staging", 1, null))
        .hasMessageContaining(
            "no run of the eval suite 'support' on the server passed its gate for greet@1");

    storeRun("ev_pass", v1, "server", true);
    assertThat(deploy("greet", "staging", 1, null).changed()).isTrue();
    assertThat(deploy("greet", "canary", 1, null).changed()).as("labels have no policy").isTrue();
  }

  private void storeRun(String id, String digest, String source, boolean pass) {
    var variant = EvalFixtures.variant("greet", null, digest, false);
    var report =
        new RunReport(
            id,
            "support",
            "sha256:5e",
            T0,
            T0.plusSeconds(60),
            List.of(variant),
            new GateVerdict(pass, pass ? List.of() : List.of("pass rate 90.0% < 95.0%"), false),
            false,
            null);
    store.write(
        (Tx tx) -> {
          var queued = EvalFixtures.queued(id, "shop", T0);
          tx.evals()
              .create(
                  new dev.promptops.core.eval.EvalRun(
                      queued.id(),
                      queued.project(),
                      queued.suiteName(),
                      queued.suiteDigest(),
                      queued.suite(),
                      queued.options(),
                      source,
                      queued.status(),
                      queued.createdBy(),
                      queued.createdAt(),
                      null,
                      null,
                      null,
                      null,
                      false));
          tx.evals().finish(id, EvalStatus.FINISHED, report, null, T0.plusSeconds(60));
          return null;
        });
  }

  private String digestOf(String prompt, int version) {
    return store
        .read((Tx tx) -> tx.versions().find("shop", prompt, version))
        .orElseThrow()
        .digest();
  }

  private Integer pinOf(String prompt, String target) {
    return store
        .read((Tx tx) -> tx.pins().find("shop", prompt, target))
        .map(p -> p.version())
        .orElse(null);
  }
}
