package dev.promptops.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement that the audit log held {@code entries} entries, the last one {@code seq} with
 * hash {@code hash}, at time {@code at}. The server signs {@link #signedText()} with its Ed25519
 * audit key; anyone with the public key can check it. An entry that a checkpoint signed cannot be
 * removed or rewritten without the checkpoint giving it away.
 *
 * @param number the checkpoint's own number, 1, 2, 3 …
 * @param keyId the id of the key that signed it ({@link AuditPublicKey#id()})
 * @param signature the Ed25519 signature of {@link #signedText()}, base64
 */
public record AuditCheckpoint(
    long number, long seq, String hash, long entries, Instant at, String keyId, String signature) {

  /** The first line of the signed text; a later format gets a new version. */
  public static final String FORMAT = "promptops-audit-checkpoint v1";

  public AuditCheckpoint {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(signature, "signature");
  }

  /**
   * What the signature covers: {@value #FORMAT}, then the number, seq, hash, entry count and time
   * (ISO-8601, UTC), one per line, each line ending in a newline.
   */
  public String signedText() {
    return String.join("\n", FORMAT, "" + number, "" + seq, hash, "" + entries, at.toString())
        + "\n";
  }

  /** A short description for messages, e.g. "checkpoint 3 (entry 57, 2026-11-25T10:00:00Z)". */
  public String describe() {
    return "checkpoint " + number + " (entry " + seq + ", " + at + ")";
  }
}
