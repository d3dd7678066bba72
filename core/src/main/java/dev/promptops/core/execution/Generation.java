package dev.promptops.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.provider.GenerationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Dotprompt's {@code config} and {@code output} as generation parameters. Known keys: {@code
 * temperature}, {@code maxOutputTokens}, {@code topP}, {@code topK}, {@code stopSequences}; any
 * other key is refused rather than dropped, so a typo never silently changes nothing.
 */
public final class Generation {
  static final Set<String> KNOWN =
      Set.of("temperature", "maxOutputTokens", "topP", "topK", "stopSequences");

  private Generation() {}

  /**
   * The generation parameters of a prompt's metadata.
   *
   * @throws InvalidInputException for a key that is not a generation parameter, or a wrong type
   */
  public static GenerationConfig config(ObjectNode metadata) {
    JsonNode config = metadata.path("config");
    for (var name : (Iterable<String>) config::fieldNames) {
      if (!KNOWN.contains(name)) {
        throw new InvalidInputException(
            "unknown_config",
            "config." + name + " is not a generation parameter PromptOps knows",
            "use temperature, maxOutputTokens, topP, topK or stopSequences");
      }
    }
    JsonNode schema = metadata.path("output").path("schema");
    return new GenerationConfig(
        number(config, "temperature"),
        integer(config, "maxOutputTokens"),
        number(config, "topP"),
        integer(config, "topK"),
        strings(config, "stopSequences"),
        wantsJson(metadata),
        wantsJson(metadata) && schema.isObject() ? schema : null);
  }

  /** Whether the prompt asks for JSON output ({@code output.format: json}). */
  public static boolean wantsJson(ObjectNode metadata) {
    return "json".equals(metadata.path("output").path("format").asText(""));
  }

  private static Double number(JsonNode config, String name) {
    JsonNode v = config.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw wrong(name, "a number");
    }
    return v.doubleValue();
  }

  private static Integer integer(JsonNode config, String name) {
    JsonNode v = config.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw wrong(name, "a whole number");
    }
    return v.intValue();
  }

  private static List<String> strings(JsonNode config, String name) {
    JsonNode v = config.get(name);
    if (v == null || v.isNull()) {
      return List.of();
    }
    var out = new ArrayList<String>();
    if (v.isTextual()) {
      out.add(v.textValue());
      return out;
    }
    if (!v.isArray()) {
      throw wrong(name, "a list of strings");
    }
    v.forEach(s -> out.add(s.asText()));
    return out;
  }

  private static InvalidInputException wrong(String name, String what) {
    return new InvalidInputException(
        "invalid_config", "config." + name + " must be " + what, "fix it in the front matter");
  }
}
