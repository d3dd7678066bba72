package dev.promptops.core.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a whole audit log, read in sequence order, against its signed checkpoints: every
 * checkpoint's signature must verify with a trusted key, the chain must be intact, the entry each
 * checkpoint signed must have the signed hash, and the log must not end before the last entry a
 * checkpoint signed (a truncated tail). The same check runs on the server's database and on an
 * exported file.
 */
public final class AuditVerifier {
  private final Map<String, AuditPublicKey> trusted = new LinkedHashMap<>();

  /** A verifier that accepts checkpoints signed by any of {@code trustedKeys}. */
  public AuditVerifier(Collection<AuditPublicKey> trustedKeys) {
    trustedKeys.forEach(k -> trusted.put(k.id(), k));
  }

  /**
   * Checks a log read in order.
   *
   * @param entries the log in ascending sequence order, from entry 1
   * @param checkpoints the checkpoints, read <em>before</em> the entries (a checkpoint written
   *     while the entries are read could otherwise sign an entry not read yet)
   */
  public AuditVerification verify(Iterator<AuditEntry> entries, List<AuditCheckpoint> checkpoints) {
    Check check = start(checkpoints);
    while (entries.hasNext() && check.accept(entries.next())) {
      // accept until the first problem
    }
    return check.result();
  }

  /** A check to feed the entries to one by one, for entries that are pushed (a download). */
  public Check start(List<AuditCheckpoint> checkpoints) {
    List<AuditCheckpoint> sorted = new ArrayList<>(checkpoints);
    sorted.sort(Comparator.comparingLong(AuditCheckpoint::number));
    for (AuditCheckpoint c : sorted) {
      String problem = signatureProblem(c);
      if (problem != null) {
        return new Check(sorted, problem);
      }
    }
    return new Check(sorted, null);
  }

  private String signatureProblem(AuditCheckpoint c) {
    AuditPublicKey key = trusted.get(c.keyId());
    if (key == null) {
      return c.describe()
          + " is signed by key "
          + c.keyId()
          + ", which is not a trusted key"
          + (trusted.isEmpty() ? " (none given)" : " (trusted: " + trusted.keySet() + ")")
          + "; give its public key to check it";
    }
    return key.verifies(c)
        ? null
        : c.describe()
            + ": its signature does not verify with key "
            + c.keyId()
            + ": the checkpoint was forged or altered";
  }

  /** The state of one walk along the chain. */
  public static final class Check {
    private final List<AuditCheckpoint> checkpoints;
    private final TreeMap<Long, List<AuditCheckpoint>> bySeq = new TreeMap<>();
    private long checked;
    private long checkpointed;
    private String prevHash = AuditEntry.GENESIS;
    private AuditVerification failed;

    private Check(List<AuditCheckpoint> checkpoints, String badSignature) {
      this.checkpoints = checkpoints;
      checkpoints.forEach(c -> bySeq.computeIfAbsent(c.seq(), s -> new ArrayList<>()).add(c));
      if (badSignature != null) {
        failed = result(0, badSignature, AuditVerification.Issue.CHECKPOINT);
      }
    }

    /** Checks the next entry; false once a problem was found (later entries are ignored). */
    public boolean accept(AuditEntry e) {
      if (failed != null) {
        return false;
      }
      String problem = chainProblem(e, checked + 1, prevHash);
      if (problem != null) {
        failed = result(checked + 1, problem, AuditVerification.Issue.CHAIN);
        return false;
      }
      problem = checkpointProblem(e, checked + 1, bySeq.getOrDefault(e.seq(), List.of()));
      if (problem != null) {
        failed = result(checkpointed + 1, problem, AuditVerification.Issue.CHAIN);
        return false;
      }
      checked++;
      prevHash = e.hash();
      checkpointed = bySeq.containsKey(e.seq()) ? e.seq() : checkpointed;
      return true;
    }

    /** The outcome, once every entry was given. */
    public AuditVerification result() {
      if (failed != null) {
        return failed;
      }
      if (!bySeq.isEmpty() && bySeq.lastKey() > checked) {
        AuditCheckpoint last = bySeq.lastEntry().getValue().getFirst();
        return result(checked + 1, truncation(checked, last), AuditVerification.Issue.TRUNCATED);
      }
      return result(0, "", AuditVerification.Issue.NONE);
    }

    private AuditVerification result(long brokenAt, String problem, AuditVerification.Issue issue) {
      return new AuditVerification(
          checked, brokenAt, problem, prevHash, issue, checkpoints.size(), checkpointed);
    }
  }

  private static String truncation(long last, AuditCheckpoint c) {
    return (last == 0 ? "the log is empty" : "the log ends at entry " + last)
        + " but checkpoint "
        + c.number()
        + " signed entry "
        + c.seq()
        + " on "
        + c.at()
        + ": entries "
        + (last + 1)
        + (c.seq() == last + 1 ? "" : "–" + c.seq())
        + " were removed";
  }

  private static String checkpointProblem(AuditEntry e, long count, List<AuditCheckpoint> cps) {
    for (AuditCheckpoint c : cps) {
      if (!c.hash().equals(e.hash()) || c.entries() != count) {
        return "entry "
            + e.seq()
            + " is not the entry "
            + c.describe()
            + " signed (hash "
            + c.hash()
            + ", "
            + c.entries()
            + " entries): entries up to "
            + e.seq()
            + " were rewritten with recomputed hashes";
      }
    }
    return null;
  }

  private static String chainProblem(AuditEntry e, long expectedSeq, String prevHash) {
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
