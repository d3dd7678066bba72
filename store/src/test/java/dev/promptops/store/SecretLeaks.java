package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** Looks for a secret, or any recognisable part of it, in what an attacker could read. */
final class SecretLeaks {
  /** The shortest run of a secret's characters that counts as recognisable. */
  static final int WINDOW = 8;

  private SecretLeaks() {}

  static void assertAbsent(String haystack, String... secrets) {
    for (String secret : secrets) {
      for (String form : forms(secret)) {
        for (int i = 0; i + WINDOW <= form.length(); i++) {
          String part = form.substring(i, i + WINDOW);
          assertThat(haystack.contains(part))
              .as("a part of a secret (%s…) is readable", part.substring(0, 3))
              .isFalse();
        }
      }
    }
  }

  static void assertAbsent(byte[] bytes, String... secrets) {
    assertAbsent(new String(bytes, StandardCharsets.ISO_8859_1), secrets);
    assertAbsent(new String(bytes, StandardCharsets.UTF_16LE), secrets);
    assertAbsent(new String(bytes, StandardCharsets.UTF_16BE), secrets);
  }

  /** The secret as it is, and as base64 or hex would spell it. */
  private static String[] forms(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    String base64 = Base64.getEncoder().encodeToString(bytes);
    return new String[] {
      secret, base64.substring(0, base64.length() - 4), HexFormat.of().formatHex(bytes)
    };
  }
}
