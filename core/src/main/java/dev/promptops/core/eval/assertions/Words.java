package dev.promptops.core.eval.assertions;

import java.util.ArrayList;
import java.util.List;

/**
 * Words as promptfoo splits them: runs of characters between white space, where white space is what
 * JavaScript's {@code \s} matches (ASCII white space, no-break spaces, the Unicode space
 * separators, line and paragraph separators, and the byte order mark).
 */
final class Words {
  private Words() {}

  static boolean isSpace(char c) {
    return switch (c) {
      case '\t',
          '\n',
          '\u000b',
          '\f',
          '\r',
          ' ',
          '\u00a0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202f',
          '\u205f',
          '\u3000',
          '\ufeff' ->
          true;
      default -> c >= '\u2000' && c <= '\u200a';
    };
  }

  /** The words of a text; none for a blank text. */
  static List<String> split(String text) {
    var words = new ArrayList<String>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean space = i == text.length() || isSpace(text.charAt(i));
      if (space && start >= 0) {
        words.add(text.substring(start, i));
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    return words;
  }

  /** How many words a text has, without building them. */
  static long count(String text) {
    long n = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = isSpace(text.charAt(i));
      n += !space && !inWord ? 1 : 0;
      inWord = !space;
    }
    return n;
  }
}
