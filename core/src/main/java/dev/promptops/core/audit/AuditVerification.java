package dev.promptops.core.audit;

/**
 * The result of checking the audit chain.
 *
 * @param entries how many entries were checked
 * @param brokenAt the sequence number of the first bad entry, or 0 when the chain is intact
 * @param problem what is wrong there, or empty
 */
public record AuditVerification(long entries, long brokenAt, String problem, String headHash) {
  public boolean ok() {
    return brokenAt == 0;
  }
}
