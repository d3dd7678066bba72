package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
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
    var sources = new ArrayList<Source>();
    Source current = new Source("user");
    sources.add(current);
    for (String piece : split(rendered, ROLE_AND_HISTORY)) {
      if (piece.startsWith(prefix + "role:")) {
        current = role(piece, current, sources);
      } else if (piece.startsWith(prefix + "history")) {
        if (history != null) {
          for (JsonNode m : history) {
            sources.add(Source.history(m));
          }
        }
        current = new Source("model");
        sources.add(current);
      } else {
        current.text.append(piece);
      }
    }
    ArrayNode messages = Json.array();
    for (Source s : sources) {
      if (s.content != null || !s.text.isEmpty()) {
        messages.add(s.toMessage(this));
      }
    }
    return insertHistory(messages, history);
  }

  private Source role(String piece, Source current, List<Source> sources) {
    String content = piece.substring((prefix + "role:").length());
    int space = content.indexOf(' ');
    String role = space < 0 ? content : content.substring(0, space);
    ObjectNode metadata = null;
    if (space >= 0) {
      metadata = Json.object();
      for (String entry : content.substring(space + 1).split(" ")) {
        int eq = entry.indexOf('=');
        if (eq >= 0) {
          metadata.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
      }
    }
    if (!current.text.toString().isBlank()) {
      Source next = new Source(role);
      next.metadata = metadata;
      sources.add(next);
      return next;
    }
    current.role = role;
    if (metadata != null) {
      if (current.metadata == null) {
        current.metadata = metadata;
      } else {
        current.metadata.setAll(metadata);
      }
    }
    return current;
  }

  private static ArrayNode insertHistory(ArrayNode messages, ArrayNode history) {
    if (history == null) {
      return messages;
    }
    for (JsonNode m : messages) {
      if ("history".equals(m.path("metadata").path("purpose").asText(null))) {
        return messages;
      }
    }
    if (messages.isEmpty()) {
      return history.deepCopy();
    }
    JsonNode last = messages.get(messages.size() - 1);
    ArrayNode out = Json.array();
    if ("user".equals(last.path("role").asText())) {
      for (int i = 0; i < messages.size() - 1; i++) {
        out.add(messages.get(i));
      }
      history.forEach(h -> out.add(h.deepCopy()));
      out.add(last);
      return out;
    }
    out.addAll(messages);
    history.forEach(h -> out.add(h.deepCopy()));
    return out;
  }

  ArrayNode toParts(String text) {
    ArrayNode parts = Json.array();
    for (String piece : split(text, MEDIA_AND_SECTION)) {
      if (piece.startsWith(prefix + "media:")) {
        String[] fields = piece.split(" ");
        ObjectNode media = parts.addObject().putObject("media");
        media.put("url", fields.length > 1 ? fields[1] : "");
        if (fields.length > 2 && !fields[2].isEmpty()) {
          media.put("contentType", fields[2]);
        }
      } else if (piece.startsWith(prefix + "section")) {
        String[] fields = piece.split(" ");
        ObjectNode metadata = parts.addObject().putObject("metadata");
        metadata.put("purpose", fields.length > 1 ? fields[1] : null);
        metadata.put("pending", true);
      } else {
        parts.addObject().put("text", piece);
      }
    }
    return parts;
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

  /** A message being assembled: text from the template, or content copied from the history. */
  private static final class Source {
    String role;
    final StringBuilder text = new StringBuilder();
    JsonNode content;
    ObjectNode metadata;

    Source(String role) {
      this.role = role;
    }

    static Source history(JsonNode message) {
      Source s = new Source(message.path("role").asText());
      s.content = message.path("content");
      ObjectNode metadata =
          message.get("metadata") instanceof ObjectNode o ? o.deepCopy() : Json.object();
      metadata.put("purpose", "history");
      s.metadata = metadata;
      return s;
    }

    ObjectNode toMessage(Messages markers) {
      ObjectNode m = Json.object();
      m.put("role", role);
      m.set("content", content != null ? content.deepCopy() : markers.toParts(text.toString()));
      if (metadata != null) {
        m.set("metadata", metadata);
      }
      return m;
    }
  }
}
