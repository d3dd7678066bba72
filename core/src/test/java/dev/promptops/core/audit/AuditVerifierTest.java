package dev.promptops.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.audit.AuditVerification.Issue;
import dev.promptops.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier on entries in memory: the rules, without a database. */
class AuditVerifierTest {
  static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
  static final AuditSigningKey KEY = AuditSigningKey.generate();

  final List<AuditEntry> log = chain(20);
  final AuditVerifier verifier = new AuditVerifier(List.of(KEY.publicKey()));

  @Test
  void anIntactLogWithItsCheckpointsVerifies() {
    var v = verifier.verify(log.iterator(), List.of(signed(1, 10), signed(2, 20)));
    assertThat(v.ok()).as(v.problem()).isTrue();
    assertThat(v)
        .extracting(AuditVerification::entries, AuditVerification::checkpointedSeq)
        .containsExactly(20L, 20L);
    assertThat(v.headHash()).isEqualTo(log.getLast().hash());
  }

  @Test
  void aLogEndingBeforeTheLastSignedEntryIsTruncated() {
    var v = verifier.verify(log.subList(0, 12).iterator(), List.of(signed(1, 10), signed(2, 20)));
    assertThat(v.issue()).isEqualTo(Issue.TRUNCATED);
    assertThat(v.brokenAt()).isEqualTo(13);
    assertThat(v.checkpointedSeq()).isEqualTo(10);
    assertThat(v.problem())
        .isEqualTo(
            "the log ends at entry 12 but checkpoint 2 signed entry 20 on "
                + AT
                + ": entries 13–20 were removed");
    assertThat(verifier.verify(List.<AuditEntry>of().iterator(), List.of(signed(1, 1))).problem())
        .startsWith("the log is empty but checkpoint 1 signed entry 1");
  }

  @Test
  void pushedEntriesGiveTheSameAnswer() {
    var check = verifier.start(List.of(signed(1, 20)));
    log.subList(0, 15).forEach(check::accept);
    assertThat(check.result().problem()).contains("entries 16–20 were removed");
  }

  @Test
  void aCheckpointWhoseTextWasChangedIsForged() {
    AuditCheckpoint good = signed(1, 10);
    var moved =
        new AuditCheckpoint(1, 5, log.get(4).hash(), 5, good.at(), good.keyId(), good.signature());
    var v = verifier.verify(log.iterator(), List.of(moved));
    assertThat(v.issue()).isEqualTo(Issue.CHECKPOINT);
    assertThat(v.ok()).isFalse();
    assertThat(v.problem())
        .isEqualTo(
            "checkpoint 1 (entry 5, "
                + AT
                + "): its signature does not verify with key "
                + KEY.id()
                + ": the checkpoint was forged or altered");
  }

  @Test
  void theChainStillCatchesAnEditedEntry() {
    var edited = new ArrayList<>(log);
    AuditEntry e = edited.get(6);
    edited.set(
        6,
        new AuditEntry(
            e.seq(),
            e.at(),
            "mallory",
            e.action(),
            e.project(),
            e.target(),
            e.details(),
            e.prevHash(),
            e.hash()));
    var v = verifier.verify(edited.iterator(), List.of(signed(1, 10)));
    assertThat(v.issue()).isEqualTo(Issue.CHAIN);
    assertThat(v.brokenAt()).isEqualTo(7);
    assertThat(v.problem()).isEqualTo("entry 7 was altered: its content does not match its hash");
  }

  private AuditCheckpoint signed(long number, long seq) {
    return KEY.sign(number, seq, log.get((int) seq - 1).hash(), seq, AT);
  }

  static List<AuditEntry> chain(int n) {
    var all = new ArrayList<AuditEntry>();
    String prev = AuditEntry.GENESIS;
    for (int i = 1; i <= n; i++) {
      var e = AuditEntry.next(i, AT, "admin", "test", "shop", "p", Json.object().put("n", i), prev);
      all.add(e);
      prev = e.hash();
    }
    return all;
  }
}
