package dev.promptops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * Rendered messages for people: one block per message, {@code [system]}, {@code [user]} … then its
 * parts: text as it is, media as {@code <media URL CONTENT_TYPE>}, sections as {@code <section
 * PURPOSE>}. Line breaks around a message's text are trimmed for reading; JSON output keeps them.
 */
final class MessagesText {
  private MessagesText() {}

  static void print(JsonNode messages, PrintWriter out) {
    boolean first = true;
    for (JsonNode m : messages) {
      if (!first) {
        out.println();
      }
      first = false;
      out.println(header(m));
      String body = body(m.path("content"));
      if (!body.isEmpty()) {
        out.println(body);
      }
    }
  }

  private static String header(JsonNode m) {
    String purpose = m.path("metadata").path("purpose").asText("");
    return "[" + m.path("role").asText() + "]" + (purpose.isEmpty() ? "" : " (" + purpose + ")");
  }

  private static String body(JsonNode parts) {
    var text = new StringBuilder();
    for (JsonNode part : parts) {
      if (part.has("text")) {
        text.append(part.get("text").asText());
      } else {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
          text.append('\n');
        }
        text.append(marker(part)).append('\n');
      }
    }
    return trimLineBreaks(text.toString());
  }

  private static String marker(JsonNode part) {
    if (part.has("media")) {
      JsonNode media = part.get("media");
      String type = media.path("contentType").asText("");
      return "<media " + media.path("url").asText() + (type.isEmpty() ? "" : " " + type) + ">";
    }
    if (part.has("metadata")) {
      return "<section " + part.get("metadata").path("purpose").asText() + ">";
    }
    return "<" + part + ">";
  }

  private static String trimLineBreaks(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '\n') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '\n') {
      end--;
    }
    return s.substring(start, end);
  }
}
