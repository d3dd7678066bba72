package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles the messages of one render, as Dotprompt does, from what the template produces in
 * order: text, role changes ({@code {{role}}}), the history ({@code {{history}}}), media and
 * pending sections. Both engines feed it: Handlebars.java's output through its markers ({@link
 * Messages}), and {@link DirectTemplate} directly.
 *
 * <p>The rules, from the reference: the text between two role or history changes is a
 * <em>piece</em>; a piece that is only white space is dropped. A role change after a message with
 * content starts a new message; before any content it renames the current one. The history closes
 * the current message, adds the conversation so far and continues as the model. Within a piece,
 * media and sections split the text into parts, and parts of white space alone are dropped.
 */
final class MessageBuilder {
  /** A finished render's builder, kept for the thread's next render. */
  private static final ThreadLocal<MessageBuilder> SPARE = new ThreadLocal<>();

  /** The largest text buffer kept between renders, in characters. */
  private static final int MAX_SPARE_TEXT = 16 * 1024;

  /** The most messages whose bookkeeping is kept between renders. */
  private static final int MAX_SPARE_SOURCES = 64;

  private ArrayNode history;

  /** The messages so far; {@link #pool} holds their bookkeeping for reuse. */
  private final List<Source> sources = new ArrayList<>();

  private final List<Source> pool = new ArrayList<>();
  private Source current;

  /** The text since the last marker of any kind. */
  private final StringBuilder chunk = new StringBuilder(512);

  /** The parts of the current piece so far, or null before its first. */
  private ArrayNode pieceParts;

  private MessageBuilder() {}

  /**
   * A builder for one render; {@code history} is the conversation so far, or null. The thread's
   * previous builder is reused: a render allocates only the messages it returns.
   */
  static MessageBuilder start(ArrayNode history) {
    MessageBuilder b = SPARE.get();
    if (b == null) {
      b = new MessageBuilder();
    } else {
      // taken, so that a render inside this one (there is none today) would get its own
      SPARE.set(null);
    }
    b.history = history;
    b.current = b.source("user");
    return b;
  }

  /** A message's bookkeeping, reused from an earlier render when there is one. */
  private Source source(String role) {
    Source s = sources.size() < pool.size() ? pool.get(sources.size()) : null;
    if (s == null) {
      s = new Source();
      if (pool.size() < MAX_SPARE_SOURCES) {
        pool.add(s);
      }
    }
    s.role = role;
    s.parts = null;
    s.content = null;
    s.metadata = null;
    sources.add(s);
    return s;
  }

  /** Where the template appends its text. */
  StringBuilder text() {
    return chunk;
  }

  /** A role change; {@code attributes} ({@code key=value key=value}) become its metadata. */
  void role(String role, String attributes) {
    finishPiece();
    ObjectNode metadata = attributes == null ? null : attributes(attributes);
    if (current.parts != null) {
      current = source(role);
      current.metadata = metadata;
      return;
    }
    current.role = role;
    if (metadata != null) {
      if (current.metadata == null) {
        current.metadata = metadata;
      } else {
        current.metadata.setAll(metadata);
      }
    }
  }

  /** The conversation so far, then a message of the model. */
  void history() {
    finishPiece();
    if (history != null) {
      for (JsonNode m : history) {
        Source h = source(m.path("role").asText());
        h.content = m.path("content");
        ObjectNode metadata =
            m.get("metadata") instanceof ObjectNode o ? o.deepCopy() : Json.object();
        metadata.put("purpose", "history");
        h.metadata = metadata;
      }
    }
    current = source("model");
  }

  /** A media part; {@code contentType} may be null. */
  void media(String url, String contentType) {
    flushChunk();
    ObjectNode media = parts().addObject().putObject("media");
    media.put("url", url);
    if (contentType != null) {
      media.put("contentType", contentType);
    }
  }

  /** A pending section part; {@code purpose} may be null. */
  void section(String purpose) {
    flushChunk();
    ObjectNode metadata = parts().addObject().putObject("metadata");
    metadata.put("purpose", purpose);
    metadata.put("pending", true);
  }

  /** The messages, with the history inserted where the template did not place it. */
  ArrayNode finish() {
    finishPiece();
    ArrayNode messages = Json.array();
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      if (s.content != null || s.parts != null) {
        messages.add(s.toMessage());
      }
    }
    ArrayNode out = insertHistory(messages, history);
    release();
    return out;
  }

  /**
   * Forgets this render (holding none of its values) and keeps the builder for the thread's next
   * one; {@link #finish} does it, and a render that stops before calls it.
   */
  void release() {
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      s.parts = null;
      s.content = null;
      s.metadata = null;
    }
    sources.clear();
    current = null;
    pieceParts = null;
    history = null;
    chunk.setLength(0);
    if (chunk.capacity() <= MAX_SPARE_TEXT) {
      SPARE.set(this);
    }
  }

  private ArrayNode parts() {
    if (pieceParts == null) {
      pieceParts = Json.array();
    }
    return pieceParts;
  }

  private void flushChunk() {
    if (!isBlank(chunk)) {
      parts().addObject().put("text", chunk.toString());
    }
    chunk.setLength(0);
  }

  private void finishPiece() {
    flushChunk();
    if (pieceParts != null) {
      current.parts = pieceParts;
      pieceParts = null;
    }
  }

  /** {@link String#isBlank()} without copying the text. */
  private static boolean isBlank(CharSequence text) {
    for (int i = 0; i < text.length(); ) {
      int c = Character.codePointAt(text, i);
      if (!Character.isWhitespace(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  private static ObjectNode attributes(String attributes) {
    ObjectNode metadata = Json.object();
    for (String entry : attributes.split(" ")) {
      int eq = entry.indexOf('=');
      if (eq >= 0) {
        metadata.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return metadata;
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

  /** A message being assembled: parts from the template, or content copied from the history. */
  private static final class Source {
    String role;
    ArrayNode parts;
    JsonNode content;
    ObjectNode metadata;

    ObjectNode toMessage() {
      ObjectNode m = Json.object();
      m.put("role", role);
      m.set("content", content != null ? content.deepCopy() : parts);
      if (metadata != null) {
        m.set("metadata", metadata);
      }
      return m;
    }
  }
}
