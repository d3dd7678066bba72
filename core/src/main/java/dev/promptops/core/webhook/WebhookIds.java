package dev.promptops.core.webhook;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Ids of subscriptions ({@code wh_} and 16 hex digits) and deliveries ({@code whd_} and 24), and
 * signing secrets ({@code whsec_} and 32 random bytes in hex): random, hard to guess.
 */
final class WebhookIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern ID = Pattern.compile("whd?_[0-9a-f]{16,24}");

  private WebhookIds() {}

  static String subscription() {
    return "wh_" + random(8);
  }

  static String delivery() {
    return "whd_" + random(12);
  }

  static String secret() {
    return "whsec_" + random(32);
  }

  /** Whether {@code id} has the form of an id (it may still name nothing). */
  static boolean valid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
