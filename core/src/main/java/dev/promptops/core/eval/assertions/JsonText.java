package dev.promptops.core.eval.assertions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.promptops.core.eval.Output;
import dev.promptops.core.json.Json;

/**
 * Model output read as JSON. Parsing follows {@code JSON.parse}, as promptfoo does: strict JSON,
 * any value at the top (an object, a list, a string, a number…), surrounding whitespace allowed,
 * duplicate keys allowed (the last wins). Beyond {@link #MAX_DEPTH} levels of nesting, or 20
 * million characters in one string (Jackson's limit), the text is not JSON for assertions.
 */
final class JsonText {
  /** Deeper JSON is refused: validating it against a recursive schema could exhaust the stack. */
  static final int MAX_DEPTH = 256;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private JsonText() {}

  /** The JSON of a text, or why it is not JSON. */
  record Parsed(JsonNode json, String error) {
    boolean ok() {
      return json != null;
    }
  }

  /** The whole text as one JSON value. */
  static Parsed parse(String text) {
    if (text.isBlank()) {
      return new Parsed(null, "the output is empty");
    }
    try {
      JsonNode json = MAPPER.readTree(text);
      return json == null || json.isMissingNode()
          ? new Parsed(null, "the output is empty")
          : new Parsed(json, null);
    } catch (JsonProcessingException e) {
      String at = Json.location(e);
      return new Parsed(null, e.getOriginalMessage() + (at.isEmpty() ? "" : " (" + at + ")"));
    } catch (RuntimeException e) {
      return new Parsed(null, String.valueOf(e.getMessage()));
    }
  }

  /**
   * The output's JSON for assertions that look into it: the JSON the engine parsed (for prompts
   * with {@code output.format: json}), else the whole text, else the text inside one enclosing
   * Markdown code fence ({@code ```json … ```}).
   */
  static Parsed of(Output output) {
    if (output.json() != null && !output.json().isMissingNode()) {
      return new Parsed(output.json(), null);
    }
    Parsed whole = parse(output.text());
    if (whole.ok()) {
      return whole;
    }
    String inside = unfenced(output.text());
    return inside == null ? whole : parse(inside);
  }

  /** The text inside a fence enclosing the whole (trimmed) text, or null when there is none. */
  static String unfenced(String text) {
    String t = text.strip();
    if (!t.startsWith("```") || !t.endsWith("```") || t.length() < 6) {
      return null;
    }
    int firstNewline = t.indexOf('\n');
    int end = t.length() - 3;
    return firstNewline > 0 && end > firstNewline ? t.substring(firstNewline + 1, end) : null;
  }
}
