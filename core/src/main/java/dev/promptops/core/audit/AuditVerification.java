package dev.promptops.core.audit;

/**
 * The result of checking the audit chain and its signed checkpoints.
 *
 * @param entries how many entries were checked
 * @param brokenAt the sequence number of the first entry that cannot be trusted (for a truncated
 *     log: the first removed one), or 0 when there is none
 * @param problem what is wrong, or empty
 * @param issue the kind of problem
 * @param checkpoints how many signed checkpoints were checked
 * @param checkpointedSeq the highest entry a valid checkpoint signed, or 0: a removal of the
 *     entries after it shows only once a later checkpoint signs them
 */
public record AuditVerification(
    long entries,
    long brokenAt,
    String problem,
    String headHash,
    Issue issue,
    long checkpoints,
    long checkpointedSeq) {

  /** What kind of problem was found. */
  public enum Issue {
    /** The chain is intact and every checkpoint matches it. */
    NONE,
    /** An entry was changed, removed or reordered. */
    CHAIN,
    /** The log ends before an entry that a checkpoint signed: its tail was removed. */
    TRUNCATED,
    /** A checkpoint's signature does not verify with a trusted key. */
    CHECKPOINT
  }

  /** A chain-only result, without checkpoints. */
  public AuditVerification(long entries, long brokenAt, String problem, String headHash) {
    this(entries, brokenAt, problem, headHash, brokenAt == 0 ? Issue.NONE : Issue.CHAIN, 0, 0);
  }

  public boolean ok() {
    return issue == Issue.NONE;
  }
}
