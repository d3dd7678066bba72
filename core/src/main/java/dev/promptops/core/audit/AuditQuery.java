package dev.promptops.core.audit;

import java.time.Instant;

/**
 * Filters for reading the audit log; null means "any". Results come in ascending sequence order,
 * starting after {@code afterSeq}, at most {@code limit} entries.
 */
public record AuditQuery(
    String project,
    String actor,
    String action,
    String target,
    Instant from,
    Instant to,
    long afterSeq,
    int limit) {

  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
    }
  }

  public static AuditQuery all(int limit) {
    return new AuditQuery(null, null, null, null, null, null, 0, limit);
  }

  public AuditQuery after(long seq) {
    return new AuditQuery(project, actor, action, target, from, to, seq, limit);
  }
}
