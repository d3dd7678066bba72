package dev.promptops.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rendered Dotprompt messages ({@code {"role": "system"|"user"|"model", "content": [parts]}}) as
 * LangChain4j messages. Text parts become text; a media part becomes an image where the provider
 * takes one; anything else is refused, never dropped.
 */
final class Messages {

  /** Which images a provider takes. */
  enum Media {
    /** http(s) URLs, passed on as URLs, and base64 {@code data:} URLs. */
    URLS_AND_INLINE,
    /**
     * Only base64 {@code data:} URLs: LangChain4j would download an http URL on the PromptOps
     * server (or read a {@code file:} URL from its disk), which PromptOps does not do for prompts.
     */
    INLINE_ONLY
  }

  private final Media media;
  private final Failures failures;

  Messages(Media media, Failures failures) {
    this.media = media;
    this.failures = failures;
  }

  List<ChatMessage> map(ArrayNode messages) {
    var out = new ArrayList<ChatMessage>();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String role = message.path("role").asText("");
      List<Content> parts = parts(message.path("content"), role, i);
      if (!parts.isEmpty()) {
        out.add(message(role, parts, i));
      }
    }
    return out;
  }

  private ChatMessage message(String role, List<Content> parts, int index) {
    return switch (role) {
      case "system" -> SystemMessage.from(textOnly(parts, role, index));
      case "user" -> UserMessage.from(parts);
      case "model" -> AiMessage.from(textOnly(parts, role, index));
      default ->
          throw failures.unsupported(
              "does not take messages with role '" + role + "' (message " + (index + 1) + ")",
              "use the roles system, user and model");
    };
  }

  private List<Content> parts(JsonNode content, String role, int index) {
    var out = new ArrayList<Content>();
    if (content.isTextual()) {
      addText(out, content.textValue());
      return out;
    }
    for (JsonNode part : content) {
      if (part.has("text")) {
        addText(out, part.path("text").asText());
      } else if (part.has("media")) {
        out.add(image(part.path("media"), index));
      } else {
        String kind = part.fieldNames().hasNext() ? part.fieldNames().next() : "empty";
        throw failures.unsupported(
            "does not take '" + kind + "' parts (" + role + " message " + (index + 1) + ")",
            "PromptOps sends text and image parts to providers");
      }
    }
    return out;
  }

  private static void addText(List<Content> out, String text) {
    if (!text.isEmpty()) {
      out.add(TextContent.from(text));
    }
  }

  private String textOnly(List<Content> parts, String role, int index) {
    var text = new StringBuilder();
    for (Content part : parts) {
      if (!(part instanceof TextContent t)) {
        throw failures.unsupported(
            "takes media only in user messages, not in the " + role + " message " + (index + 1),
            "move the media part into a user message");
      }
      text.append(t.text());
    }
    return text.toString();
  }

  private ImageContent image(JsonNode part, int index) {
    String url = part.path("url").asText("");
    String contentType = part.path("contentType").asText("");
    String where = " (message " + (index + 1) + ")";
    if (url.regionMatches(true, 0, "data:", 0, 5)) {
      return inline(url, contentType, where);
    }
    String scheme = schemeOf(url);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw failures.unsupported(
          "cannot take media from '" + abbreviate(url) + "'" + where,
          "give images as http(s) URLs or base64 data: URLs");
    }
    requireImage(contentType, where);
    if (media == Media.INLINE_ONLY) {
      throw failures.unsupported(
          "takes images only inline (base64 data: URLs), not from " + abbreviate(url) + where,
          "embed the image as a data: URL, or use a provider that fetches image URLs");
    }
    var image = Image.builder().url(URI.create(url));
    if (!contentType.isEmpty()) {
      image.mimeType(contentType);
    }
    return ImageContent.from(image.build());
  }

  private ImageContent inline(String url, String contentType, String where) {
    int comma = url.indexOf(',');
    String header = comma < 0 ? "" : url.substring(5, comma);
    if (comma < 0 || !header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
      throw failures.unsupported(
          "takes data: URLs only in base64" + where, "encode the image as data:TYPE;base64,…");
    }
    String type = contentType.isEmpty() ? header.substring(0, header.length() - 7) : contentType;
    requireImage(type, where);
    return ImageContent.from(url.substring(comma + 1), type);
  }

  private void requireImage(String contentType, String where) {
    if (!contentType.isEmpty() && !contentType.toLowerCase(Locale.ROOT).startsWith("image/")) {
      throw failures.unsupported(
          "does not take media of type " + contentType + where + ": only images",
          "send images only, or describe the media in text");
    }
  }

  private static String schemeOf(String url) {
    int colon = url.indexOf(':');
    return colon <= 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  private static String abbreviate(String url) {
    return url.length() <= 80 ? url : url.substring(0, 80) + "…";
  }
}
