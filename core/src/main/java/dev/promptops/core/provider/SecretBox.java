package dev.promptops.core.provider;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts provider secrets with AES-256-GCM under the {@link MasterKey}: a random 96-bit nonce per
 * secret, a 128-bit tag, and associated data naming the project and the provider, so a ciphertext
 * copied to another row does not decrypt. Each {@link Sealed} secret records the id of the key that
 * sealed it, so a server started with another key reports that instead of failing obscurely.
 */
public final class SecretBox {
  static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String CIPHER = "AES/GCM/NoPadding";
  private static final String AAD_PREFIX = "promptops/provider-secret/v1";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MasterKey key;

  public SecretBox(MasterKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * An encrypted secret as stored: never the plaintext.
   *
   * @param keyId the {@link MasterKey#id()} of the key that sealed it
   * @param ciphertext the AES-GCM output: encrypted bytes followed by the tag
   */
  public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    public Sealed {
      Objects.requireNonNull(keyId, "keyId");
      nonce = nonce.clone();
      ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] nonce() {
      return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
      return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sealed s
          && keyId.equals(s.keyId)
          && Arrays.equals(nonce, s.nonce)
          && Arrays.equals(ciphertext, s.ciphertext);
    }

    @Override
    public int hashCode() {
      return Objects.hash(keyId, Arrays.hashCode(nonce), Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
      return "Sealed[key " + keyId + ", " + ciphertext.length + " bytes]";
    }
  }

  /** The id of the key this box seals with. */
  public String keyId() {
    return key.id();
  }

  /** Encrypts {@code secret} for provider {@code provider} of {@code project}. */
  public Sealed seal(String secret, String project, String provider) {
    Objects.requireNonNull(secret, "secret");
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, project, provider);
      return new Sealed(key.id(), nonce, cipher.doFinal(plain));
    } catch (GeneralSecurityException e) {
      throw failure("cannot encrypt the secret of provider '" + provider + "'", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Decrypts a secret sealed for provider {@code provider} of {@code project}.
   *
   * @throws PromptOpsException when it was sealed with another key, altered, or sealed for another
   *     project or provider
   */
  public String open(Sealed sealed, String project, String provider) {
    if (!sealed.keyId().equals(key.id())) {
      throw new PromptOpsException(
          ErrorKind.INTERNAL,
          "wrong_master_key",
          "the secret of provider '"
              + provider
              + "' in project '"
              + project
              + "' was encrypted with master key "
              + sealed.keyId()
              + ", the server has key "
              + key.id(),
          "start the server with the original "
              + MasterKey.ENV
              + " or "
              + MasterKeyFile.FILE_NAME
              + ", or set the provider's API key again");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, sealed.nonce(), project, provider);
      return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new PromptOpsException(
          ErrorKind.INTERNAL,
          "secret_tampered",
          "the stored secret of provider '"
              + provider
              + "' in project '"
              + project
              + "' does not decrypt: it was altered, or it belongs to another project or"
              + " provider",
          "set the provider's API key again (promptops provider add " + provider + " …)",
          null,
          e);
    } catch (GeneralSecurityException e) {
      throw failure("cannot decrypt the secret of provider '" + provider + "'", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String project, String provider)
      throws GeneralSecurityException {
    if (nonce.length != NONCE_BYTES) {
      throw new AEADBadTagException("nonce of " + nonce.length + " bytes");
    }
    Cipher cipher = Cipher.getInstance(CIPHER);
    cipher.init(mode, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData(project, provider));
    return cipher;
  }

  /** Binds a ciphertext to its row: the format version, the project and the provider. */
  private static byte[] associatedData(String project, String provider) {
    return (AAD_PREFIX + '\0' + project + '\0' + provider).getBytes(StandardCharsets.UTF_8);
  }

  private static PromptOpsException failure(String message, GeneralSecurityException e) {
    return new PromptOpsException(
        ErrorKind.INTERNAL,
        "crypto_failure",
        message + ": " + e.getClass().getSimpleName(),
        "this JVM lacks AES-GCM; use a standard JDK",
        null,
        e);
  }
}
