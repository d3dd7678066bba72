package dev.promptops.core.audit;

import dev.promptops.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The server's Ed25519 key that signs {@link AuditCheckpoint}s. Its text form (the key file, {@link
 * AuditKeyFile}) is two PEM blocks: the private key (PKCS#8) and the public key (X.509), since the
 * JDK does not derive one from the other. The private key never leaves this class; {@link
 * #toString()} shows only the id.
 */
public final class AuditSigningKey {
  private static final String PEM_TYPE = "PRIVATE KEY";

  private final PrivateKey key;
  private final AuditPublicKey publicKey;

  private AuditSigningKey(PrivateKey key, AuditPublicKey publicKey) {
    this.key = key;
    this.publicKey = publicKey;
  }

  /** A new random key. */
  public static AuditSigningKey generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(AuditPublicKey.ALGORITHM).generateKeyPair();
      return new AuditSigningKey(pair.getPrivate(), new AuditPublicKey(pair.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK since 15 has Ed25519", e);
    }
  }

  /**
   * Reads the text form; checks that the two halves belong together.
   *
   * @param origin where the text comes from, for the error message (never the text itself)
   */
  public static AuditSigningKey parse(String text, String origin) {
    AuditSigningKey parsed;
    try {
      byte[] der = Pem.decode(text, PEM_TYPE);
      PrivateKey key =
          KeyFactory.getInstance(AuditPublicKey.ALGORITHM)
              .generatePrivate(new PKCS8EncodedKeySpec(der));
      parsed = new AuditSigningKey(key, AuditPublicKey.parse(text, origin));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw invalid(origin + " is not an audit signing key: " + e.getMessage(), e);
    }
    var probe = parsed.sign(0, 0, AuditEntry.GENESIS, 0, Instant.EPOCH);
    if (!parsed.publicKey.verifies(probe)) {
      throw invalid(origin + " holds a public key that does not belong to its private key", null);
    }
    return parsed;
  }

  private static InvalidInputException invalid(String message, Throwable cause) {
    return new InvalidInputException(
        "invalid_audit_key",
        message,
        "restore the key file from your backup; without it, start with a new key (earlier"
            + " checkpoints then verify only with the old public key)",
        cause);
  }

  /** The text form: the private key, then the public key, as PEM. */
  public String toText() {
    return Pem.encode(PEM_TYPE, key.getEncoded()) + publicKey.pem();
  }

  public AuditPublicKey publicKey() {
    return publicKey;
  }

  public String id() {
    return publicKey.id();
  }

  /** Signs a checkpoint of entry {@code seq} with hash {@code hash}. */
  public AuditCheckpoint sign(long number, long seq, String hash, long entries, Instant at) {
    Instant time = at.truncatedTo(ChronoUnit.MILLIS); // what the store keeps
    var unsigned = new AuditCheckpoint(number, seq, hash, entries, time, id(), "");
    try {
      Signature s = Signature.getInstance(AuditPublicKey.ALGORITHM);
      s.initSign(key);
      s.update(unsigned.signedText().getBytes(StandardCharsets.UTF_8));
      String signature = Base64.getEncoder().encodeToString(s.sign());
      return new AuditCheckpoint(number, seq, hash, entries, time, id(), signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with an Ed25519 key failed", e);
    }
  }

  @Override
  public String toString() {
    return "AuditSigningKey[" + id() + "]";
  }
}
