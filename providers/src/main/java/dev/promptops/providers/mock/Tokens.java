package dev.promptops.providers.mock;

/** The mock's token count: one token per 4 characters (code points), rounded up. */
final class Tokens {
  private Tokens() {}

  static int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return (text.codePointCount(0, text.length()) + 3) / 4;
  }

  /** The longest prefix of {@code text} that fits in {@code tokens} tokens. */
  static String truncate(String text, int tokens) {
    int chars = Math.max(0, tokens) * 4;
    if (text.codePointCount(0, text.length()) <= chars) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, chars));
  }
}
