package dev.promptops.client;

import java.time.Instant;

/**
 * Filters for reading the audit log; a null field means "any".
 *
 * @param project only with the server-wide log: one project's entries
 * @param prompt the prompt (or other object) an entry concerns
 * @param since entries at or after this instant
 * @param until entries before this instant
 * @param after entries with a sequence number above this one (paging)
 * @param limit at most this many entries (the server caps it at 1000)
 */
public record AuditFilter(
    String project,
    String actor,
    String action,
    String prompt,
    Instant since,
    Instant until,
    Long after,
    Integer limit) {

  /** No filter: the first page with the server's default size. */
  public static AuditFilter none() {
    return new AuditFilter(null, null, null, null, null, null, null, null);
  }

  public AuditFilter withAfter(Long seq) {
    return new AuditFilter(project, actor, action, prompt, since, until, seq, limit);
  }

  public AuditFilter withLimit(Integer n) {
    return new AuditFilter(project, actor, action, prompt, since, until, after, n);
  }
}
