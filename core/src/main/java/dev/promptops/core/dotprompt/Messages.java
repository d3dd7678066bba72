package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns a rendered template into messages and parts, as Dotprompt does. The helpers {@code role},
 * {@code history}, {@code media} and {@code section} write markers into the rendered text; this
 * class splits the text at them.
 *
 * <p>Unlike the reference, every render uses markers carrying a fresh random nonce, so a variable
 * whose value happens to contain marker text ({@code <<<dotprompt:role:system>>>}) stays text:
 * variables are data and can never switch roles or inject media.
 */
final class Messages {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;

  /**
   * Where a marker ends: given the text and the index just after this render's prefix, the index of
   * its closing {@code >>>}, or -1 when no marker of the kind starts there.
   */
  @FunctionalInterface
  private interface Marker {
    int end(String text, int from);
  }

  /**
   * {@code role:NAME>>>}, {@code role:NAME ATTRS>>>} (NAME in a-z, ATTRS without '>'), {@code
   * history>>>}.
   */
  private static final Marker ROLE_AND_HISTORY =
      (text, from) -> {
        if (text.startsWith("history>>>", from)) {
          return from + "history".length();
        }
        if (!text.startsWith("role:", from)) {
          return -1;
        }
        int name = from + "role:".length();
        int at = name;
        while (at < text.length() && text.charAt(at) >= 'a' && text.charAt(at) <= 'z') {
          at++;
        }
        if (at == name) {
          return -1;
        }
        if (text.startsWith(">>>", at)) {
          return at;
        }
        if (at >= text.length() || text.charAt(at) != ' ') {
          return -1;
        }
        int close = text.indexOf('>', at + 1);
        return close > at + 1 && text.startsWith(">>>", close) ? close : -1;
      };

  /** {@code media:url …>>>} or {@code section …>>>}, up to the first {@code >>>} on the line. */
  private static final Marker MEDIA_AND_SECTION =
      (text, from) -> {
        int after;
        if (text.startsWith("media:url", from)) {
          after = from + "media:url".length();
        } else if (text.startsWith("section", from)) {
          after = from + "section".length();
        } else {
          return -1;
        }
        int close = text.indexOf(">>>", after);
        if (close < 0) {
          return -1;
        }
        int newline = text.indexOf('\n', after);
        return newline >= 0 && newline < close ? -1 : close;
      };

  private final String prefix;

  private Messages(String nonce) {
    this.prefix = "<<<dotprompt-" + nonce + ":";
  }

  /** Markers for one render. */
  static Messages fresh() {
    byte[] bytes = new byte[NONCE_BYTES];
    RANDOM.nextBytes(bytes);
    return new Messages(HexFormat.of().formatHex(bytes));
  }

  String role(String role) {
    return prefix + "role:" + role + ">>>";
  }

  String history() {
    return prefix + "history>>>";
  }

  String section(String name) {
    return prefix + "section " + name + ">>>";
  }

  String media(String url, String contentType) {
    return prefix + "media:url " + url + (contentType == null ? "" : " " + contentType) + ">>>";
  }

  /** The messages of a rendered text; {@code history} is the conversation so far, or null. */
  ArrayNode toMessages(String rendered, ArrayNode history) {
    var out = MessageBuilder.start(history);
    String role = prefix + "role:";
    for (String piece : split(rendered, ROLE_AND_HISTORY)) {
      if (piece.startsWith(role)) {
        String content = piece.substring(role.length());
        int space = content.indexOf(' ');
        out.role(
            space < 0 ? content : content.substring(0, space),
            space < 0 ? null : content.substring(space + 1));
      } else if (piece.startsWith(prefix + "history")) {
        out.history();
      } else {
        parts(piece, out);
      }
    }
    return out.finish();
  }

  /** Feeds the text of one piece, split at its media and section markers. */
  private void parts(String text, MessageBuilder out) {
    for (String piece : split(text, MEDIA_AND_SECTION)) {
      if (piece.startsWith(prefix + "media:")) {
        String[] fields = piece.split(" ");
        out.media(
            fields.length > 1 ? fields[1] : "",
            fields.length > 2 && !fields[2].isEmpty() ? fields[2] : null);
      } else if (piece.startsWith(prefix + "section")) {
        String[] fields = piece.split(" ");
        out.section(fields.length > 1 ? fields[1] : null);
      } else {
        out.text().append(piece);
      }
    }
  }

  /**
   * Splits at this render's markers (keeping them, without their closing >>>), dropping blank
   * pieces. Marker text of another nonce (in a variable's value) is text, and so is this nonce's
   * prefix where no marker of the kind follows; the search then goes on one character further, so
   * such text cannot hide a real marker it overlaps.
   */
  private List<String> split(String text, Marker markers) {
    var pieces = new ArrayList<String>();
    int last = 0;
    int from = 0;
    int at;
    while ((at = text.indexOf(prefix, from)) >= 0) {
      int close = markers.end(text, at + prefix.length());
      if (close < 0) {
        from = at + 1;
        continue;
      }
      addUnlessBlank(pieces, text.substring(last, at));
      pieces.add(text.substring(at, close));
      last = close + ">>>".length();
      from = last;
    }
    addUnlessBlank(pieces, text.substring(last));
    return pieces;
  }

  private static void addUnlessBlank(List<String> pieces, String piece) {
    if (!piece.isBlank()) {
      pieces.add(piece);
    }
  }
}
