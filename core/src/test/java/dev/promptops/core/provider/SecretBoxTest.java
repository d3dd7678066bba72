package dev.promptops.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.PromptOpsException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  static final String SECRET = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";

  final MasterKey key = MasterKey.generate();
  final SecretBox box = new SecretBox(key);

  @Test
  void roundTrip() {
    SecretBox.Sealed sealed = box.seal(SECRET, "shop", "openai");

    assertThat(sealed.keyId()).isEqualTo(key.id());
    assertThat(sealed.nonce()).hasSize(12);
    assertThat(sealed.ciphertext()).hasSize(SECRET.length() + 16);
    assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("sk-");
    assertThat(box.open(sealed, "shop", "openai")).isEqualTo(SECRET);
    assertThat(new SecretBox(MasterKey.of(copyOf(key))).open(sealed, "shop", "openai"))
        .as("the same key read again")
        .isEqualTo(SECRET);
  }

  @Test
  void everySealHasItsOwnNonce() {
    var a = box.seal(SECRET, "shop", "openai");
    var b = box.seal(SECRET, "shop", "openai");

    assertThat(a.nonce()).isNotEqualTo(b.nonce());
    assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
  }

  @Test
  void aWrongKeyIsDetectedAndNamed() {
    var sealed = box.seal(SECRET, "shop", "openai");
    var other = new SecretBox(MasterKey.generate());

    assertThatThrownBy(() -> other.open(sealed, "shop", "openai"))
        .isInstanceOf(PromptOpsException.class)
        .hasFieldOrPropertyWithValue("code", "wrong_master_key")
        .hasMessage(
            "the secret of provider 'openai' in project 'shop' was encrypted with master key "
                + key.id()
                + ", the server has key "
                + other.keyId())
        .satisfies(
            e ->
                assertThat(((PromptOpsException) e).hint())
                    .contains("PROMPTOPS_MASTER_KEY")
                    .contains("master.key"));
  }

  @Test
  void aTamperedCiphertextIsRefused() {
    var sealed = box.seal(SECRET, "shop", "openai");
    byte[] c = sealed.ciphertext();
    c[3] ^= 1;
    var tampered = new SecretBox.Sealed(sealed.keyId(), sealed.nonce(), c);
    byte[] n = sealed.nonce();
    n[0] ^= 1;
    var otherNonce = new SecretBox.Sealed(sealed.keyId(), n, sealed.ciphertext());

    for (var bad : new SecretBox.Sealed[] {tampered, otherNonce}) {
      assertThatThrownBy(() -> box.open(bad, "shop", "openai"))
          .isInstanceOf(PromptOpsException.class)
          .hasFieldOrPropertyWithValue("code", "secret_tampered")
          .hasMessageNotContaining(SECRET);
    }
  }

  @Test
  void aCiphertextMovedToAnotherRowDoesNotDecrypt() {
    var sealed = box.seal(SECRET, "shop", "openai");

    assertThatThrownBy(() -> box.open(sealed, "other", "openai"))
        .hasFieldOrPropertyWithValue("code", "secret_tampered");
    assertThatThrownBy(() -> box.open(sealed, "shop", "anthropic"))
        .hasFieldOrPropertyWithValue("code", "secret_tampered");
    assertThatThrownBy(() -> box.open(sealed, "sho", "popenai"))
        .as("the separator keeps 'shop'+'openai' apart from 'sho'+'popenai'")
        .hasFieldOrPropertyWithValue("code", "secret_tampered");
  }

  @Test
  void sealedSecretsNeverPrintTheirBytes() {
    var sealed = box.seal(SECRET, "shop", "openai");

    assertThat(sealed.toString())
        .isEqualTo("Sealed[key " + key.id() + ", " + (SECRET.length() + 16) + " bytes]");
    assertThat(key.toString()).isEqualTo("MasterKey[" + key.id() + "]");
  }

  private static byte[] copyOf(MasterKey key) {
    return java.util.Base64.getDecoder().decode(key.base64());
  }
}
