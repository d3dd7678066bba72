package dev.promptops.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeyTest {
  static final byte[] BYTES = new byte[32];

  static {
    for (int i = 0; i < BYTES.length; i++) {
      BYTES[i] = (byte) (i * 7 + 1);
    }
  }

  @Test
  void base64AndHexSpellTheSameKey() {
    MasterKey key = MasterKey.of(BYTES);

    assertThat(MasterKey.parse(Base64.getEncoder().encodeToString(BYTES), "X")).isEqualTo(key);
    assertThat(MasterKey.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(BYTES), "X"))
        .isEqualTo(key);
    assertThat(MasterKey.parse(" " + HexFormat.of().formatHex(BYTES) + "\n", "X")).isEqualTo(key);
    assertThat(MasterKey.parse(HexFormat.of().withUpperCase().formatHex(BYTES), "X"))
        .isEqualTo(key);
  }

  @Test
  void theIdIsAPrefixOfTheKeysSha256() throws Exception {
    String sha =
        HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(BYTES));

    assertThat(MasterKey.of(BYTES).id()).isEqualTo(sha.substring(0, 12));
    assertThat(MasterKey.generate().id()).isNotEqualTo(MasterKey.generate().id());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "too-short",
        "c2hvcnQ=", // base64 of 5 bytes
        "not base64 at all!",
        "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" // 31 bytes
      })
  void anythingElseIsAClearErrorThatNeverEchoesTheValue(String value) {
    assertThatThrownBy(() -> MasterKey.parse(value, "PROMPTOPS_MASTER_KEY"))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("code", "invalid_master_key")
        .hasMessageStartingWith(
            "PROMPTOPS_MASTER_KEY is not a master key: expected 32 bytes written as base64 or as"
                + " 64 hex digits, got ")
        .satisfies(
            e -> {
              assertThat(((InvalidInputException) e).hint())
                  .startsWith("generate one with `openssl rand -base64 32`");
              if (!value.isBlank()) {
                assertThat(e.getMessage()).doesNotContain(value.strip());
              }
            });
  }

  @Test
  void theErrorSaysWhatWasWrong() {
    assertThatThrownBy(() -> MasterKey.parse("c2hvcnQ=", "PROMPTOPS_MASTER_KEY"))
        .hasMessageEndingWith("got 5 bytes");
    assertThatThrownBy(() -> MasterKey.parse("", "PROMPTOPS_MASTER_KEY"))
        .hasMessageEndingWith("got an empty value");
    assertThatThrownBy(() -> MasterKey.parse("%%%", "PROMPTOPS_MASTER_KEY"))
        .hasMessageEndingWith("got 3 characters that are neither");
  }
}
