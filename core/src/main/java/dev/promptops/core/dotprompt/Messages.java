package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** Markers of any nonce; {@link #split} keeps those of this render's only. */
  private static final String ANY_PREFIX = "<<<dotprompt-[0-9a-f]{" + NONCE_BYTES * 2 + "}:";

  private static final Pattern ROLE_AND_HISTORY =
      Pattern.compile("(" + ANY_PREFIX + "(?:role:[a-z]+(?: [^>]+)?|history))>>>");
  private static final Pattern MEDIA_AND_SECTION =
      Pattern.compile("(" + ANY_PREFIX + "(?:media:url|section).*?)>>>");

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
   * pieces. Marker text of another nonce (in a variable's value) is text; the search goes on one
   * character after where it started, so such text cannot hide a real marker it overlaps.
   */
  private List<String> split(String text, Pattern markers) {
    var pieces = new ArrayList<String>();
    Matcher m = markers.matcher(text);
    int last = 0;
    int from = 0;
    while (from <= text.length() && m.find(from)) {
      if (!text.startsWith(prefix, m.start())) {
        from = m.start() + 1;
        continue;
      }
      pieces.add(text.substring(last, m.start()));
      pieces.add(m.group(1));
      last = m.end();
      from = m.end();
    }
    pieces.add(text.substring(last));
    pieces.removeIf(String::isBlank);
    return pieces;
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
