package dev.promptops.core.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Instant;
import java.util.List;

/**
 * Appends to and checks the hash-chained audit log. Every change appends its entry through {@link
 * #append} inside the change's own transaction, so the change and its entry commit together or not
 * at all.
 */
public final class AuditLog {
  private static final int PAGE = 500;

  private final List<AuditSubscriber> subscribers;

  /** A log no one else hears of. */
  public AuditLog() {
    this(List.of());
  }

  /** A log whose every entry is also given to {@code subscribers}, in the same transaction. */
  public AuditLog(List<AuditSubscriber> subscribers) {
    this.subscribers = List.copyOf(subscribers);
  }

  /** Appends the entry that follows the current head of the chain. */
  public AuditEntry append(
      Tx tx,
      Instant at,
      String actor,
      String action,
      String project,
      String target,
      ObjectNode details) {
    var last = tx.audit().last();
    long seq = last.map(e -> e.seq() + 1).orElse(1L);
    String prev = last.map(AuditEntry::hash).orElse(AuditEntry.GENESIS);
    var entry = AuditEntry.next(seq, at, actor, action, project, target, details, prev);
    tx.audit().insert(entry);
    for (AuditSubscriber s : subscribers) {
      s.appended(tx, entry);
    }
    return entry;
  }

  /**
   * Walks the whole chain and reports the first entry that is missing, out of order, or altered.
   */
  public AuditVerification verify(Store store) {
    long checked = 0;
    long expectedSeq = 1;
    String prevHash = AuditEntry.GENESIS;
    while (true) {
      long after = expectedSeq - 1;
      List<AuditEntry> page = store.read(tx -> tx.audit().query(AuditQuery.all(PAGE).after(after)));
      for (AuditEntry e : page) {
        String problem = check(e, expectedSeq, prevHash);
        if (problem != null) {
          return new AuditVerification(checked, expectedSeq, problem, prevHash);
        }
        checked++;
        expectedSeq++;
        prevHash = e.hash();
      }
      if (page.size() < PAGE) {
        return new AuditVerification(checked, 0, "", prevHash);
      }
    }
  }

  private static String check(AuditEntry e, long expectedSeq, String prevHash) {
    if (e.seq() != expectedSeq) {
      return expectedSeq == 1 && e.seq() > 1
          ? "the log starts at entry "
              + e.seq()
              + ": entries 1 to "
              + (e.seq() - 1)
              + " are missing"
          : "entry " + expectedSeq + " is missing: the log jumps to entry " + e.seq();
    }
    if (!e.prevHash().equals(prevHash)) {
      return "entry "
          + e.seq()
          + " does not follow entry "
          + (e.seq() - 1)
          + ": its previous-hash does not match (an entry was removed, reordered or rewritten)";
    }
    if (!e.hash().equals(e.computeHash())) {
      return "entry " + e.seq() + " was altered: its content does not match its hash";
    }
    return null;
  }
}
