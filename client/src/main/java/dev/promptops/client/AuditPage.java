package dev.promptops.client;

import dev.promptops.core.audit.AuditEntry;
import java.util.List;

/**
 * One page of the audit log, oldest entry first.
 *
 * @param next the sequence number to pass as {@link AuditFilter#after} for the next page, or null
 *     when this is the last page
 */
public record AuditPage(List<AuditEntry> entries, Long next) {
  public AuditPage {
    entries = List.copyOf(entries);
  }
}
