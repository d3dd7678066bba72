package dev.promptops.core.audit;

import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Signs checkpoints of the audit log with the server's key: as a subscriber, in the transaction of
 * every {@code every}-th entry; and on demand ({@link #checkpoint}), when the server's timer fires
 * or an administrator asks, if entries were appended since the last checkpoint.
 */
public final class AuditCheckpoints implements AuditSubscriber {
  /** Sign a checkpoint every this many entries by default. */
  public static final int DEFAULT_EVERY = 100;

  private final AuditSigningKey key;
  private final int every;
  private final Clock clock;

  /**
   * @param every sign the entries whose sequence number is a multiple of this; 0 signs none
   */
  public AuditCheckpoints(AuditSigningKey key, int every, Clock clock) {
    if (every < 0) {
      throw new IllegalArgumentException("checkpoint interval must be 0 or more entries: " + every);
    }
    this.key = key;
    this.every = every;
    this.clock = clock;
  }

  public AuditPublicKey publicKey() {
    return key.publicKey();
  }

  @Override
  public void appended(Tx tx, AuditEntry entry) {
    if (every > 0 && entry.seq() % every == 0) {
      sign(tx, entry, entry.at());
    }
  }

  /** Signs the head of the log unless a checkpoint signed it already (or the log is empty). */
  public Optional<AuditCheckpoint> checkpoint(Store store) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return store.write(
        tx -> {
          Optional<AuditEntry> head = tx.audit().last();
          long signed = tx.audit().lastCheckpoint().map(AuditCheckpoint::seq).orElse(0L);
          return head.filter(h -> h.seq() > signed).map(h -> sign(tx, h, now));
        });
  }

  private AuditCheckpoint sign(Tx tx, AuditEntry entry, Instant at) {
    long number = tx.audit().lastCheckpoint().map(c -> c.number() + 1).orElse(1L);
    AuditCheckpoint c = key.sign(number, entry.seq(), entry.hash(), entry.seq(), at);
    tx.audit().insert(c);
    return c;
  }
}
