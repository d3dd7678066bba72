package dev.promptops.core.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

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
   * Checkpoints, if any, must be signed by one of {@code trustedKeys} and match the chain; a log
   * that ends before the last entry a checkpoint signed was truncated.
   */
  public AuditVerification verify(Store store, Collection<AuditPublicKey> trustedKeys) {
    List<AuditCheckpoint> checkpoints = store.read(tx -> tx.audit().checkpoints());
    return new AuditVerifier(trustedKeys).verify(entries(store, AuditQuery.all(PAGE)), checkpoints);
  }

  /** {@link #verify(Store, Collection)} trusting no key: right for a log without checkpoints. */
  public AuditVerification verify(Store store) {
    return verify(store, List.of());
  }

  /**
   * Every entry matching {@code query} from its {@code afterSeq} on, read lazily a page of {@code
   * query.limit()} entries at a time, each page in its own read transaction.
   */
  public static Iterator<AuditEntry> entries(Store store, AuditQuery query) {
    return new Iterator<>() {
      private List<AuditEntry> page = List.of();
      private int next;
      private long after = query.afterSeq();
      private boolean last;

      @Override
      public boolean hasNext() {
        if (next == page.size() && !last) {
          page = store.read(tx -> tx.audit().query(query.after(after)));
          next = 0;
          last = page.size() < query.limit();
          after = page.isEmpty() ? after : page.getLast().seq();
        }
        return next < page.size();
      }

      @Override
      public AuditEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.get(next++);
      }
    };
  }
}
