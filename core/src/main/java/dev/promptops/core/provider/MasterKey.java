package dev.promptops.core.provider;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that encrypts provider secrets ({@link SecretBox}). It comes from {@value #ENV}
 * (base64 or hex of 32 bytes) or from the key file {@value MasterKeyFile#FILE_NAME} in the server's
 * data directory ({@link MasterKeyFile}). Its {@link #id()} is stored beside every secret, so a
 * server started with another key says so instead of failing obscurely. The key bytes never leave
 * this class except as a {@link SecretKey} for {@link SecretBox}; {@link #toString()} shows only
 * the id.
 */
public final class MasterKey {
  /** The environment variable that holds the key, base64 or hex. */
  public static final String ENV = "PROMPTOPS_MASTER_KEY";

  /** The key length in bytes (AES-256). */
  public static final int BYTES = 32;

  static final String GENERATE_HINT = "generate one with `openssl rand -base64 32`";

  private static final int ID_HEX_CHARS = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final String id;

  private MasterKey(byte[] key) {
    this.key = key.clone();
    this.id = HexFormat.of().formatHex(sha256(this.key)).substring(0, ID_HEX_CHARS);
  }

  /** A key of exactly {@value #BYTES} bytes. */
  public static MasterKey of(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != BYTES) {
      throw new IllegalArgumentException("a master key has " + BYTES + " bytes, not " + key.length);
    }
    return new MasterKey(key);
  }

  /** A new random key. */
  public static MasterKey generate() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return new MasterKey(bytes);
  }

  /**
   * Reads a key written as base64 (standard or URL-safe, padded or not) or as 64 hex digits.
   *
   * @param origin where the text comes from, for the error message, e.g. {@value #ENV}
   * @throws InvalidInputException naming {@code origin} (never the text, which may be a key)
   */
  public static MasterKey parse(String text, String origin) {
    String s = text == null ? "" : text.strip();
    byte[] bytes = decode(s);
    if (bytes == null || bytes.length != BYTES) {
      throw new InvalidInputException(
          "invalid_master_key",
          origin
              + " is not a master key: expected "
              + BYTES
              + " bytes written as base64 or as 64 hex digits, got "
              + (s.isEmpty()
                  ? "an empty value"
                  : bytes == null
                      ? s.length() + " characters that are neither"
                      : bytes.length + " bytes"),
          GENERATE_HINT + " and keep it: secrets encrypted with a key need that key to be read");
    }
    return new MasterKey(bytes);
  }

  private static byte[] decode(String s) {
    if (s.length() == 2 * BYTES && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return HexFormat.of().parseHex(s);
    }
    try {
      return s.indexOf('-') >= 0 || s.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(s)
          : Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The key's identifier: the first {@value #ID_HEX_CHARS} hex digits of its SHA-256. */
  public String id() {
    return id;
  }

  /** The key as base64, for the key file only. */
  String base64() {
    return Base64.getEncoder().encodeToString(key);
  }

  SecretKey secretKey() {
    return new SecretKeySpec(key, "AES");
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new PromptOpsException(
          dev.promptops.core.ErrorKind.INTERNAL,
          "no_sha256",
          "this JVM has no SHA-256",
          "use a standard JDK",
          null,
          e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MasterKey other && MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "MasterKey[" + id + "]";
  }
}
