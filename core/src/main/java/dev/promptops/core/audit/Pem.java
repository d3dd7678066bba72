package dev.promptops.core.audit;

import java.util.Base64;

/** PEM blocks ({@code -----BEGIN TYPE-----}, base64 in lines of 64, {@code -----END TYPE-----}). */
final class Pem {
  private Pem() {}

  static String encode(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /**
   * The bytes of the block of {@code type} in {@code text}, or of {@code text} itself when it is
   * bare base64.
   *
   * @throws IllegalArgumentException when there is no such block and the text is not base64
   */
  static byte[] decode(String text, String type) {
    String s = text == null ? "" : text.strip();
    String begin = "-----BEGIN " + type + "-----";
    int from = s.indexOf(begin);
    if (from >= 0) {
      int to = s.indexOf("-----END " + type + "-----", from);
      if (to < 0) {
        throw new IllegalArgumentException("the " + type + " block has no END line");
      }
      s = s.substring(from + begin.length(), to);
    } else if (s.startsWith("-----")) {
      throw new IllegalArgumentException("no " + type + " block");
    }
    if (s.isBlank()) {
      throw new IllegalArgumentException("it is empty");
    }
    return Base64.getMimeDecoder().decode(s);
  }
}
