package dev.promptops.core.store;

import dev.promptops.core.audit.AuditCheckpoint;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditQuery;
import java.util.List;
import java.util.Optional;

/** The audit log and its signed checkpoints. Both are only ever appended. */
public interface AuditRepository {
  /** The entry with the highest sequence number. */
  Optional<AuditEntry> last();

  void insert(AuditEntry entry);

  /** Entries matching the query, ascending by sequence number. */
  List<AuditEntry> query(AuditQuery query);

  void insert(AuditCheckpoint checkpoint);

  /** The checkpoint with the highest number. */
  Optional<AuditCheckpoint> lastCheckpoint();

  /** Every checkpoint, ascending by number. */
  List<AuditCheckpoint> checkpoints();
}
