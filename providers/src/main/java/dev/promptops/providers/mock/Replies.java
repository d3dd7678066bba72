package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.promptops.core.json.Json;
import java.util.Map;

/** Turns the deciding rule (or the default echo) into the answer's text, finish and usage. */
final class Replies {
  private Replies() {}

  static Answer answer(String id, MockProtocol protocol, Conversation c, MockRule rule) {
    String text = text(protocol, c, rule);
    Answer.Finish finish = Answer.Finish.STOP;
    String stopSequence = null;
    int cut = text.length();
    for (String stop : c.stop()) {
      int at = stop.isEmpty() ? -1 : text.indexOf(stop);
      if (at >= 0 && at < cut) {
        cut = at;
        stopSequence = stop;
      }
    }
    if (stopSequence != null) {
      text = text.substring(0, cut);
      finish = Answer.Finish.STOP_SEQUENCE;
    }
    if (c.maxTokens() != null && Tokens.count(text) > c.maxTokens()) {
      text = Tokens.truncate(text, c.maxTokens());
      finish = Answer.Finish.LENGTH;
      stopSequence = null;
    }
    return new Answer(
        id, c.model(), text, finish, stopSequence, c.promptTokens(), Tokens.count(text));
  }

  /** The reply before stop sequences and the token limit. */
  static String text(MockProtocol protocol, Conversation c, MockRule rule) {
    Map<String, String> values =
        Map.of(
            "lastUserMessage", c.lastUserMessage(),
            "model", c.model() == null ? "" : c.model(),
            "system", c.system(),
            "protocol", protocol.wireName());
    if (rule != null && rule.json() != null && (c.json() || rule.reply() == null)) {
      return Json.write(render(rule.json(), values));
    }
    if (rule != null && rule.reply() != null) {
      return Template.render(rule.reply(), values);
    }
    if (!c.json()) {
      return "echo: " + c.lastUserMessage();
    }
    return Json.write(
        c.schema() != null
            ? SchemaSample.of(c.schema(), c.lastUserMessage())
            : Json.object().put("echo", c.lastUserMessage()));
  }

  private static JsonNode render(JsonNode node, Map<String, String> values) {
    if (node.isTextual()) {
      return TextNode.valueOf(Template.render(node.textValue(), values));
    }
    if (node.isObject()) {
      ObjectNode out = Json.object();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.set(e.getKey(), render(e.getValue(), values));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Json.array();
      node.forEach(each -> out.add(render(each, values)));
      return out;
    }
    return node;
  }
}
