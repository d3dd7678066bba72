package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditQuery;
import dev.promptops.core.audit.AuditVerification;
import dev.promptops.core.auth.Role;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.TargetKind;
import dev.promptops.core.store.Tx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code AuditLog} on a real store: every change appends its entry in its own transaction, and
 * {@code verify} finds entries that were edited, deleted or reordered behind the application's
 * back.
 */
abstract class AuditLogContract extends StoreContract {

  @Test
  void everyMutationAppendsOneEntryToAnIntactChain() {
    keys().bootstrap(null);
    createShop();
    pushVersions("greet", 2);
    deploy("greet", "staging", 2, null);
    keys().create(ADMIN, "ci-bot", Map.of("shop", Role.EDITOR));
    projects().setEnvironments(ADMIN, "shop", List.of("dev", "staging", "production", "dr"));

    List<AuditEntry> entries = store.read((Tx tx) -> tx.audit().query(AuditQuery.all(100)));
    assertThat(entries)
        .extracting(AuditEntry::action)
        .containsExactly(
            "key.create",
            "project.create",
            "version.create",
            "version.create",
            "deployment.deploy",
            "key.create",
            "project.environments");
    assertThat(entries).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    AuditVerification verification = audit.verify(store);
    assertThat(verification.ok()).isTrue();
    assertThat(verification.entries()).isEqualTo(7);
    assertThat(verification.headHash()).isEqualTo(entries.getLast().hash());
  }

  @Test
  void subscribersHearOfEachEntryInItsTransactionAndTheirFailureUndoesTheChange() {
    var heard = new java.util.ArrayList<String>();
    var listening =
        new dev.promptops.core.audit.AuditLog(
            List.of(
                (tx, entry) -> {
                  heard.add(entry.action() + " " + entry.target());
                  if ("broken".equals(entry.target())) {
                    throw new IllegalStateException("the subscriber failed");
                  }
                }));
    new dev.promptops.core.registry.Projects(store, listening, clock)
        .create(ADMIN, "shop", "the shop", List.of("dev", "staging", "production"));
    var versions = new dev.promptops.core.registry.PromptVersions(store, listening, clock);
    versions.push(ADMIN, "shop", List.of(item("greet", 1)), "v1");
    var before = rowCounts();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> versions.push(ADMIN, "shop", List.of(item("broken", 1)), "v1"))
        .hasMessage("the subscriber failed");

    assertThat(heard)
        .containsExactly("project.create null", "version.create greet", "version.create broken");
    assertThat(rowCounts()).as("the version and its entry were rolled back").isEqualTo(before);
  }

  @Test
  void aRefusedChangeAppendsNothing() {
    createShop();
    pushVersions("greet", 1);
    deploy("greet", "staging", 1, null);
    var before = rowCounts();

    try {
      deploy("greet", "staging", 1, null);
    } catch (RuntimeException expected) {
      // the conflict itself is tested elsewhere
    }

    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void aChangeWhoseAuditEntryCannotBeWrittenDoesNotHappen() {
    createShop();
    pushVersions("greet", 1);
    sql(
        switch (store.dialect()) {
          case SQLITE ->
              "CREATE TRIGGER audit_log_no_insert BEFORE INSERT ON audit_log"
                  + " BEGIN SELECT RAISE(ABORT, 'the disk is full'); END";
          case POSTGRESQL ->
              "CREATE TRIGGER audit_log_no_insert BEFORE INSERT ON audit_log"
                  + " FOR EACH ROW EXECUTE FUNCTION promptops_refuse_change()";
        });
    try {
      assertThatThrownBy(() -> deploy("greet", "staging", 1, null))
          .hasMessageContaining("append audit entry");
      assertThatThrownBy(() -> versions().push(ADMIN, "shop", List.of(item("greet", 2)), "v2"))
          .hasMessageContaining("append audit entry");
    } finally {
      sql(
          switch (store.dialect()) {
            case SQLITE -> "DROP TRIGGER audit_log_no_insert";
            case POSTGRESQL -> "DROP TRIGGER audit_log_no_insert ON audit_log";
          });
    }

    assertThat(store.read((Tx tx) -> tx.deployments().history("shop", "greet", null, 10)))
        .as("no deployment without its audit entry")
        .isEmpty();
    assertThat(rowCounts()).containsEntry("deployments", 0L).containsEntry("prompt_versions", 1L);
    assertThat(actions()).containsExactly("project.create", "version.create");
  }

  @Test
  void verifyFindsAnEditedEntry() {
    appendEntries(5);
    dropAppendOnlyTriggers();

    sql("UPDATE audit_log SET details = ? WHERE seq = 3", "{\"n\":999}");

    AuditVerification result = audit.verify(store);
    assertThat(result.ok()).isFalse();
    assertThat(result.brokenAt()).isEqualTo(3);
    assertThat(result.problem()).contains("entry 3 was altered");
    assertThat(result.entries()).isEqualTo(2);
  }

  @Test
  void verifyFindsAnEditedActorEvenWhenTheAttackerRecomputesNothingElse() {
    appendEntries(3);
    dropAppendOnlyTriggers();

    sql("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1");

    assertThat(audit.verify(store).brokenAt()).isEqualTo(1);
  }

  @Test
  void verifyFindsADeletedEntry() {
    appendEntries(5);
    dropAppendOnlyTriggers();

    sql("DELETE FROM audit_log WHERE seq = 4");

    AuditVerification result = audit.verify(store);
    assertThat(result.brokenAt()).isEqualTo(4);
    assertThat(result.problem()).contains("entry 4 is missing");
  }

  @Test
  void verifyFindsTwoSwappedEntries() {
    appendEntries(5);
    dropAppendOnlyTriggers();

    sql("UPDATE audit_log SET seq = -1 WHERE seq = 2");
    sql("UPDATE audit_log SET seq = 2 WHERE seq = 3");
    sql("UPDATE audit_log SET seq = 3 WHERE seq = -1");

    AuditVerification result = audit.verify(store);
    assertThat(result.brokenAt()).isEqualTo(2);
    assertThat(result.problem()).contains("does not follow entry 1");
  }

  @Test
  void verifyWalksAChainLongerThanOnePage() {
    appendEntries(1203);
    assertThat(audit.verify(store).entries()).isEqualTo(1203);
    dropAppendOnlyTriggers();

    sql("UPDATE audit_log SET action = 'x' WHERE seq = 1101");

    AuditVerification result = audit.verify(store);
    assertThat(result.brokenAt()).isEqualTo(1101);
    assertThat(result.entries()).isEqualTo(1100);
  }

  @Test
  void theAppendOnlyTriggersGuardTheLedgerToo() {
    createShop();
    pushVersions("greet", 1);
    deploy("greet", "canary", 1, null);
    dropAppendOnlyTriggers();

    assertThat(
            sql(
                "UPDATE deployments SET target_kind = ? WHERE id = 1",
                TargetKind.ENVIRONMENT.wireName()))
        .as("without the triggers the attacker's statements go through")
        .isEqualTo(1);
  }

  private void appendEntries(int count) {
    store.write(
        (Tx tx) -> {
          for (int i = 0; i < count; i++) {
            audit.append(
                tx,
                T0.plusMillis(i),
                "actor-" + (i % 3),
                "test.entry",
                "shop",
                "p" + i,
                Json.object().put("n", i));
          }
          return null;
        });
  }
}
