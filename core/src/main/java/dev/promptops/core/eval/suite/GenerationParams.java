package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The generation parameters a suite's provider may set over the prompt's, by their Dotprompt names,
 * checked as execution will read them: {@code temperature} and {@code topP} numbers, {@code
 * maxOutputTokens} and {@code topK} whole numbers, {@code stopSequences} a text or a list of texts.
 */
final class GenerationParams {
  static final List<String> NAMES =
      List.of("temperature", "maxOutputTokens", "topP", "topK", "stopSequences");

  private GenerationParams() {}

  static ObjectNode check(ObjectNode config, String where) {
    Nodes.onlyKeys(config, NAMES, where);
    Nodes.number(config, "temperature", where);
    Nodes.number(config, "topP", where);
    Nodes.whole(config, "maxOutputTokens", where, 1, Integer.MAX_VALUE);
    Nodes.whole(config, "topK", where, 1, Integer.MAX_VALUE);
    JsonNode stops = config.get("stopSequences");
    if (!Nodes.absent(stops)) {
      for (JsonNode s : Nodes.items(stops)) {
        if (!s.isTextual()) {
          throw SuiteErrors.invalid(
              where,
              "stopSequences must be a text or a list of texts",
              "write stopSequences: [\"\\n\\n\"]");
        }
      }
    }
    return config;
  }
}
