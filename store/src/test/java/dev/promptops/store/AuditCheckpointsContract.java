package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.audit.AuditCheckpoint;
import dev.promptops.core.audit.AuditCheckpoints;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.audit.AuditQuery;
import dev.promptops.core.audit.AuditSigningKey;
import dev.promptops.core.audit.AuditVerification;
import dev.promptops.core.audit.AuditVerification.Issue;
import dev.promptops.core.audit.AuditVerifier;
import dev.promptops.core.json.Json;
import dev.promptops.core.store.Tx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signed checkpoints on a real store: made every N entries and on demand, and the ground on which
 * {@code verify} reports a removed tail, a forged checkpoint and a chain rewritten with recomputed
 * hashes, all done behind the application's back with direct SQL.
 */
abstract class AuditCheckpointsContract extends StoreContract {
  static final AuditSigningKey KEY = AuditSigningKey.generate();

  AuditCheckpoints checkpoints;

  @BeforeEach
  void signEveryTenEntries() {
    checkpoints = new AuditCheckpoints(KEY, 10, clock);
    audit = new AuditLog(List.of(checkpoints));
  }

  @Test
  void aCheckpointIsSignedEveryNEntriesInTheirTransaction() {
    appendEntries(35);

    List<AuditCheckpoint> all = store.read((Tx tx) -> tx.audit().checkpoints());
    assertThat(all).extracting(AuditCheckpoint::number).containsExactly(1L, 2L, 3L);
    assertThat(all).extracting(AuditCheckpoint::seq).containsExactly(10L, 20L, 30L);
    assertThat(all.get(1).hash()).isEqualTo(entry(20).hash());
    assertThat(all).allSatisfy(c -> assertThat(KEY.publicKey().verifies(c)).isTrue());

    AuditVerification v = verify();
    assertThat(v.ok()).as(v.problem()).isTrue();
    assertThat(v.checkpoints()).isEqualTo(3);
    assertThat(v.checkpointedSeq()).isEqualTo(30);
    assertThat(v.entries()).isEqualTo(35);
  }

  @Test
  void onDemandACheckpointSignsTheHeadOnce() {
    appendEntries(7);

    assertThat(checkpoints.checkpoint(store)).get().extracting(AuditCheckpoint::seq).isEqualTo(7L);
    assertThat(checkpoints.checkpoint(store)).as("nothing new to sign").isEmpty();
    assertThat(verify().checkpointedSeq()).isEqualTo(7);
  }

  @Test
  void verifyReportsARemovedTailAsTruncation() {
    appendEntries(57);
    checkpoints.checkpoint(store);
    appendEntries(2);
    dropAppendOnlyTriggers();

    sql("DELETE FROM audit_log WHERE seq > 41");

    assertThat(chainOnly().ok()).as("the chain alone cannot tell").isTrue();
    assertThat(new AuditLog().verify(store, List.of()).issue())
        .as("a checkpoint signed by an unknown key is reported, not ignored")
        .isEqualTo(Issue.CHECKPOINT);
    AuditVerification v = verify();
    assertThat(v.issue()).isEqualTo(Issue.TRUNCATED);
    assertThat(v.brokenAt()).isEqualTo(42);
    assertThat(v.entries()).isEqualTo(41);
    assertThat(v.problem())
        .isEqualTo(
            "the log ends at entry 41 but checkpoint 6 signed entry 57 on "
                + T0
                + ": entries 42–57 were removed");
  }

  @Test
  void verifyRejectsACheckpointWhoseSignatureDoesNotVerify() {
    appendEntries(30);
    dropAppendOnlyTriggers();
    AuditEntry e = entry(25);

    // The attacker removes the tail and moves the last checkpoint back to match what is left.
    sql("DELETE FROM audit_log WHERE seq > 25");
    sql("UPDATE audit_checkpoints SET seq = 25, entries = 25, hash = ? WHERE number = 3", e.hash());

    AuditVerification v = verify();
    assertThat(v.issue()).isEqualTo(Issue.CHECKPOINT);
    assertThat(v.problem())
        .startsWith("checkpoint 3 (entry 25, ")
        .contains("its signature does not verify with key " + KEY.id());
  }

  @Test
  void verifyRejectsACheckpointSignedByAnotherKey() {
    appendEntries(10);
    AuditEntry head = entry(10);
    var forged = AuditSigningKey.generate().sign(2, 10, head.hash(), 10, T0);
    store.write(
        (Tx tx) -> {
          tx.audit().insert(forged);
          return null;
        });

    AuditVerification v = verify();
    assertThat(v.issue()).isEqualTo(Issue.CHECKPOINT);
    assertThat(v.problem()).contains("is signed by key " + forged.keyId() + ", which is not");
  }

  @Test
  void verifyFindsEntriesRewrittenWithRecomputedHashes() {
    appendEntries(25);
    dropAppendOnlyTriggers();

    rewriteFrom(14, "rewritten");

    assertThat(chainOnly().ok()).as("the chain itself is consistent").isTrue();
    AuditVerification v = verify();
    assertThat(v.issue()).isEqualTo(Issue.CHAIN);
    assertThat(v.brokenAt()).as("the first entry after the last good checkpoint").isEqualTo(11);
    assertThat(v.problem()).startsWith("entry 20 is not the entry checkpoint 2 (entry 20");
  }

  @Test
  void removingTheTailAndItsCheckpointsShowsOnlyAgainstACheckpointTheAuditorKept() {
    appendEntries(30);
    AuditCheckpoint kept = store.read((Tx tx) -> tx.audit().lastCheckpoint()).orElseThrow();
    dropAppendOnlyTriggers();

    sql("DELETE FROM audit_log WHERE seq > 15");
    sql("DELETE FROM audit_checkpoints WHERE number > 1");

    assertThat(verify().ok()).as("the database alone is consistent again").isTrue();
    var withKept = new ArrayList<>(store.read((Tx tx) -> tx.audit().checkpoints()));
    withKept.add(kept);
    AuditVerification v =
        new AuditVerifier(List.of(KEY.publicKey()))
            .verify(AuditLog.entries(store, AuditQuery.all(1000)), withKept);
    assertThat(v.issue()).isEqualTo(Issue.TRUNCATED);
    assertThat(v.problem()).contains("entries 16–30 were removed");
  }

  @Test
  void theDatabaseRefusesToChangeOrDeleteACheckpoint() {
    appendEntries(10);

    assertThatThrownBy(() -> sql("UPDATE audit_checkpoints SET seq = 1"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> sql("DELETE FROM audit_checkpoints"))
        .hasMessageContaining("append-only");
  }

  private AuditVerification verify() {
    return audit.verify(store, List.of(KEY.publicKey()));
  }

  private AuditVerification chainOnly() {
    return new AuditVerifier(List.of())
        .verify(AuditLog.entries(store, AuditQuery.all(100)), List.of());
  }

  private AuditEntry entry(long seq) {
    return store.read((Tx tx) -> tx.audit().query(AuditQuery.all(1).after(seq - 1))).getFirst();
  }

  /** Changes entry {@code from} and recomputes its hash and every later one, as an attacker can. */
  private void rewriteFrom(long from, String actor) {
    List<AuditEntry> all = store.read((Tx tx) -> tx.audit().query(AuditQuery.all(1000)));
    String prev = all.get((int) from - 2).hash();
    for (AuditEntry e : all.subList((int) from - 1, all.size())) {
      var forged =
          AuditEntry.next(
              e.seq(),
              e.at(),
              e.seq() == from ? actor : e.actor(),
              e.action(),
              e.project(),
              e.target(),
              e.details(),
              prev);
      sql(
          "UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?",
          forged.actor(),
          forged.prevHash(),
          forged.hash(),
          forged.seq());
      prev = forged.hash();
    }
  }

  private void appendEntries(int count) {
    store.write(
        (Tx tx) -> {
          for (int i = 0; i < count; i++) {
            audit.append(tx, T0, "admin", "test.entry", "shop", "p" + i, Json.object().put("n", i));
          }
          return null;
        });
  }
}
