package dev.promptops.core.audit;

import dev.promptops.core.store.Tx;

/**
 * Told of each audit entry inside the transaction that appends it, so that what it does (queue a
 * webhook delivery, say) commits with the change or not at all. It must not call out of the
 * process: it runs while the transaction holds its locks.
 */
@FunctionalInterface
public interface AuditSubscriber {
  void appended(Tx tx, AuditEntry entry);
}
