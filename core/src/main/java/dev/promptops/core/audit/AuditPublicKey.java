package dev.promptops.core.audit;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The public half of the server's audit key: what an auditor needs to check {@link AuditCheckpoint}
 * signatures. Written as PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo) or as
 * the bare base64 of that encoding. Its {@link #id()} is the first 12 hex digits of the SHA-256 of
 * the base64 encoding.
 */
public final class AuditPublicKey {
  static final String ALGORITHM = "Ed25519";
  private static final String PEM_TYPE = "PUBLIC KEY";
  private static final int ID_HEX_CHARS = 12;

  private final PublicKey key;
  private final String base64;
  private final String id;

  AuditPublicKey(PublicKey key) {
    this.key = key;
    this.base64 = Base64.getEncoder().encodeToString(key.getEncoded());
    this.id = CanonicalJson.sha256Hex(base64).substring(0, ID_HEX_CHARS);
  }

  /**
   * Reads a public key written as PEM or base64.
   *
   * @param origin where the text comes from, for the error message, e.g. a file name
   */
  public static AuditPublicKey parse(String text, String origin) {
    try {
      byte[] der = Pem.decode(text, PEM_TYPE);
      return new AuditPublicKey(
          KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidInputException(
          "invalid_audit_public_key",
          origin + " is not an Ed25519 public key (PEM or base64 of X.509): " + e.getMessage(),
          "save the server's key with `promptops audit key -o audit-key.pem`"
              + " or from GET /api/v1/audit/key",
          e);
    }
  }

  public String id() {
    return id;
  }

  /** The base64 of the X.509 encoding. */
  public String base64() {
    return base64;
  }

  /** The key as a PEM block. */
  public String pem() {
    return Pem.encode(PEM_TYPE, key.getEncoded());
  }

  /** True when {@code checkpoint} was signed by this key and is unchanged since. */
  public boolean verifies(AuditCheckpoint checkpoint) {
    if (!checkpoint.keyId().equals(id)) {
      return false;
    }
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(checkpoint.signedText().getBytes(StandardCharsets.UTF_8));
      return s.verify(Base64.getDecoder().decode(checkpoint.signature()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false; // a signature that is not even well-formed does not verify
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditPublicKey other && other.base64.equals(base64);
  }

  @Override
  public int hashCode() {
    return base64.hashCode();
  }

  @Override
  public String toString() {
    return "AuditPublicKey[" + id + "]";
  }
}
