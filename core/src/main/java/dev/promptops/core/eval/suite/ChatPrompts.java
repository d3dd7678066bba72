package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Turns promptfoo's prompt forms into Dotprompt sources: a chat message list {@code [{role,
 * content}]} becomes one template with {@code {{role "system"}}}, {@code {{role "user"}}} and
 * {@code {{role "model"}}} markers ({@code assistant} is Dotprompt's {@code model}); plain text is
 * the template itself. Every part is checked for Nunjucks-only syntax first.
 */
final class ChatPrompts {
  private static final Map<String, String> ROLES =
      Map.of("system", "system", "user", "user", "assistant", "model", "model", "model");

  private ChatPrompts() {}

  static String fromMessages(JsonNode messages, String where) {
    if (!messages.isArray() || messages.isEmpty()) {
      throw SuiteErrors.invalid(
          where,
          "a chat prompt must be a list of messages [{role, content}]",
          "write e.g. [{\"role\": \"user\", \"content\": \"Hello {{name}}\"}]");
    }
    var out = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      String at = where + ", message " + (i + 1);
      JsonNode m = Nodes.object(messages.get(i), at, "{role: user, content: …}");
      String role = ROLES.get(Nodes.requiredText(m, "role", at, "role: user"));
      if (role == null) {
        throw SuiteErrors.unsupported(
            at,
            "role '" + m.get("role").textValue() + "' is not one Dotprompt has",
            "use system, user or assistant");
      }
      String content = content(m.get("content"), at);
      NunjucksCheck.check(content, at);
      out.append("{{role \"").append(role).append("\"}}\n").append(content).append('\n');
    }
    return out.toString();
  }

  private static String content(JsonNode content, String where) {
    if (content != null && content.isTextual()) {
      return content.textValue();
    }
    if (content != null && content.isArray()) {
      var text = new StringBuilder();
      for (JsonNode part : content) {
        if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
          throw SuiteErrors.unsupported(
              where,
              "content parts other than text (images, files) are not supported",
              "use the {{media url=…}} helper in a .prompt file for media");
        }
        text.append(part.get("text").textValue());
      }
      return text.toString();
    }
    throw SuiteErrors.invalid(where, "content must be text", "write content: \"…\"");
  }

  /**
   * A plain text template as a Dotprompt source, checked; guarded if it would open front matter.
   */
  static String fromText(String text, String where) {
    NunjucksCheck.check(text, where);
    for (String line : text.split("\n", -1)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      return l.equals("---") ? "---\n---\n" + text : text;
    }
    return text;
  }

  /** Whether raw text is a JSON chat message list. */
  static JsonNode asMessages(String raw) {
    String s = raw.strip();
    if (!s.startsWith("[")) {
      return null;
    }
    try {
      JsonNode n = dev.promptops.core.json.Json.parse(s);
      return n.isArray() && !n.isEmpty() && n.get(0).has("role") ? n : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }
}
