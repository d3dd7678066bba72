package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.re2j.Pattern;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.RegularExpression;
import dev.promptops.core.dotprompt.JsonSchemas;
import dev.promptops.core.json.Json;
import java.util.List;
import java.util.Set;

/**
 * JSON Schema values of {@code is-json}, {@code contains-json} and {@code json-schema}: an object
 * or boolean schema, or (as promptfoo allows) a string holding the schema in YAML or JSON. Schemas
 * follow JSON Schema 2020-12 and are validated through {@link JsonSchemas} (patterns on RE2/J,
 * {@code $ref} only inside the schema). A schema is checked against the 2020-12 meta-schema when
 * the suite is loaded, so {@code type: strnig} is an error then, not a failing case later.
 */
final class Schemas {
  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
  private static final int MAX_LISTED = 3;

  /** The meta-schema, read from the validator's class path (never fetched). */
  private static final JsonSchema META =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(
              SchemaLocation.of(META_SCHEMA),
              SchemaValidatorsConfig.builder()
                  .regularExpressionFactory(
                      regex -> {
                        Pattern p = Pattern.compile(regex);
                        return (RegularExpression) value -> p.matcher(value).find();
                      })
                  .build());

  private Schemas() {}

  /** Whether a schema is given: promptfoo treats null and {@code ""} as none. */
  static boolean given(JsonNode value) {
    return Values.present(value) && !(value.isTextual() && value.textValue().isBlank());
  }

  /**
   * The schema a value stands for.
   *
   * @throws IllegalArgumentException when it is neither a schema nor YAML text of one
   */
  static JsonNode of(JsonNode value) {
    if (value.isObject() || value.isBoolean()) {
      return value;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(
          "the schema must be an object (or YAML text of one), got " + Values.describe(value));
    }
    String text = value.textValue().strip();
    if (text.startsWith("file:")) {
      throw new IllegalArgumentException(
          "schema files ("
              + Format.abbreviate(text, 60)
              + ") are not read here; write the schema inline");
    }
    return parsedYaml(text);
  }

  private static JsonNode parsedYaml(String text) {
    JsonNode parsed;
    try {
      parsed = Json.yaml().readTree(text);
    } catch (JsonProcessingException e) {
      String at = Json.location(e);
      throw new IllegalArgumentException(
          "the schema text is not YAML or JSON: "
              + oneLine(e.getOriginalMessage())
              + (at.isEmpty() ? "" : " (" + at + ")"),
          e);
    }
    if (parsed == null || !(parsed.isObject() || parsed.isBoolean())) {
      throw new IllegalArgumentException(
          "the schema text must hold an object, got " + Values.describe(parsed));
    }
    return parsed;
  }

  /** A parser's message of several lines (with excerpts and carets) as one line. */
  private static String oneLine(String message) {
    return message
        .lines()
        .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .reduce((a, b) -> a + ": " + b)
        .orElse(message.strip());
  }

  /**
   * Checks that a schema can be used.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static void checkUsable(JsonNode schema) {
    Set<ValidationMessage> meta;
    try {
      meta = META.validate(schema);
    } catch (StackOverflowError e) {
      throw new IllegalArgumentException("the schema is nested too deeply to be checked", e);
    }
    if (!meta.isEmpty()) {
      throw new IllegalArgumentException(
          "the schema is not valid JSON Schema: "
              + summary(meta.stream().map(ValidationMessage::getMessage).sorted().toList()));
    }
    try {
      JsonSchemas.validate(schema, NullNode.getInstance());
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage()).replaceFirst("^java\\.lang\\.\\w+: ", "");
      throw new IllegalArgumentException("the schema cannot be used: " + why, e);
    }
  }

  /**
   * What is wrong with {@code json} against {@code schema}; empty when it fits.
   *
   * @throws IllegalArgumentException when the schema cannot be used
   */
  static List<String> problems(JsonNode schema, JsonNode json) {
    return JsonSchemas.validate(schema, json).stream().map(Schemas::readable).toList();
  }

  /**
   * A validation message with its location as a path from {@code $}: the validator writes JSON
   * Pointers ({@code /items/0: …}) and nothing for the root ({@code : required property …}).
   */
  static String readable(String message) {
    int colon = message.indexOf(": ");
    if (colon < 0 || (colon > 0 && message.charAt(0) != '/')) {
      return message;
    }
    var path = new StringBuilder("$");
    for (String segment : message.substring(0, colon).split("/", -1)) {
      if (!segment.isEmpty()) {
        String key = segment.replace("~1", "/").replace("~0", "~");
        path.append(
            key.chars().allMatch(Character::isDigit) ? "[" + key + "]" : JsonEquality.key(key));
      }
    }
    return path + message.substring(colon);
  }

  /** The first few problems, {@code; }-separated, with how many more there are. */
  static String summary(List<String> problems) {
    problems = problems.stream().map(Schemas::readable).toList();
    String first = String.join("; ", problems.subList(0, Math.min(MAX_LISTED, problems.size())));
    int more = problems.size() - MAX_LISTED;
    return more > 0 ? first + " (and " + more + " more)" : first;
  }
}
