package dev.promptops.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit signing key, its text forms, its key file, and what its signature covers. */
class AuditKeysTest {
  static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
  static final String HASH = "ab".repeat(32);

  @TempDir Path dir;

  @Test
  void theSignatureCoversTheDocumentedTextAndVerifiesWithThePublicKeyAlone() throws Exception {
    AuditSigningKey key = AuditSigningKey.generate();
    AuditCheckpoint c = key.sign(3, 57, HASH, 57, AT.plusNanos(1_234_567));

    assertThat(c.at()).as("the store keeps milliseconds").isEqualTo(AT.plusMillis(1));
    assertThat(c.signedText())
        .isEqualTo(
            "promptops-audit-checkpoint v1\n3\n57\n" + HASH + "\n57\n2026-11-25T10:00:00.001Z\n");
    var jdk = java.security.Signature.getInstance("Ed25519");
    jdk.initVerify(
        java.security.KeyFactory.getInstance("Ed25519")
            .generatePublic(
                new java.security.spec.X509EncodedKeySpec(
                    Base64.getDecoder().decode(key.publicKey().base64()))));
    jdk.update(c.signedText().getBytes(StandardCharsets.UTF_8));
    assertThat(jdk.verify(Base64.getDecoder().decode(c.signature())))
        .as("any Ed25519 implementation checks it")
        .isTrue();

    AuditPublicKey published = AuditPublicKey.parse(key.publicKey().pem(), "the PEM");
    assertThat(published.verifies(c)).isTrue();
    for (var forged :
        java.util.List.of(
            new AuditCheckpoint(3, 56, HASH, 57, c.at(), c.keyId(), c.signature()),
            new AuditCheckpoint(3, 57, "cd".repeat(32), 57, c.at(), c.keyId(), c.signature()),
            new AuditCheckpoint(3, 57, HASH, 57, AT, c.keyId(), c.signature()),
            new AuditCheckpoint(3, 57, HASH, 57, c.at(), c.keyId(), "not base64!"))) {
      assertThat(published.verifies(forged)).as(forged.toString()).isFalse();
    }
    assertThat(AuditSigningKey.generate().publicKey().verifies(c)).isFalse();
  }

  @Test
  void theKeyFileIsGeneratedOnceOwnerOnlyAndReadAfterwards() throws IOException {
    var first = AuditKeyFile.load(dir, Map.of());
    assertThat(first.created()).isTrue();
    Path file = dir.resolve(AuditKeyFile.FILE_NAME);
    assertThat(Files.readString(file))
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .contains("-----BEGIN PUBLIC KEY-----\n");
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }

    var again = AuditKeyFile.load(dir, Map.of());
    assertThat(again.created()).isFalse();
    assertThat(again.key().id()).isEqualTo(first.key().id());

    var named = AuditKeyFile.load(null, Map.of(AuditKeyFile.ENV, file.toString()));
    assertThat(named.key().id())
        .as("another instance pointed at the file")
        .isEqualTo(first.key().id());
  }

  @Test
  void aMissingOrDamagedKeyFileIsAnErrorThatSaysWhatToDo() throws IOException {
    assertThatThrownBy(
            () -> AuditKeyFile.load(dir, Map.of(AuditKeyFile.ENV, dir.resolve("nope").toString())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("PROMPTOPS_AUDIT_KEY_FILE names")
        .hasMessageContaining("which does not exist");

    Path file = dir.resolve(AuditKeyFile.FILE_NAME);
    var one = AuditSigningKey.generate().toText();
    var other = AuditSigningKey.generate().toText();
    Files.writeString(
        file,
        one.substring(0, one.indexOf("-----BEGIN PUBLIC"))
            + other.substring(other.indexOf("-----BEGIN PUBLIC")));
    assertThatThrownBy(() -> AuditKeyFile.load(dir, Map.of()))
        .hasMessageContaining("holds a public key that does not belong to its private key");

    Files.writeString(file, "garbage");
    assertThatThrownBy(() -> AuditKeyFile.load(dir, Map.of()))
        .hasMessageContaining("is not an audit signing key");
  }

  @Test
  void aPublicKeyIsReadAsPemOrBase64AndNamesItsOriginWhenItIsNot() {
    AuditPublicKey key = AuditSigningKey.generate().publicKey();
    assertThat(AuditPublicKey.parse(key.base64(), "base64")).isEqualTo(key);
    assertThat(AuditPublicKey.parse("junk\n" + key.pem(), "pem")).isEqualTo(key);
    assertThatThrownBy(() -> AuditPublicKey.parse("hello", "key.pem"))
        .hasMessageStartingWith("key.pem is not an Ed25519 public key");
  }
}
