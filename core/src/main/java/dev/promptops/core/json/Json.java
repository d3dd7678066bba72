package dev.promptops.core.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The shared, configured Jackson mappers. Thread-safe; configure nothing after start-up. */
public final class Json {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return JSON;
  }

  public static ObjectMapper yaml() {
    return YAML;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Parses JSON text; throws {@link JsonProcessingException} with the position on bad input. */
  public static JsonNode parse(String text) throws JsonProcessingException {
    try {
      return JSON.readTree(text);
    } catch (NumberFormatException e) {
      throw outOfRange(e);
    }
  }

  /** Parses JSON bytes (UTF-8); throws {@link JsonProcessingException} on bad input. */
  public static JsonNode parse(byte[] bytes) throws IOException {
    try {
      return JSON.readTree(bytes);
    } catch (NumberFormatException e) {
      throw outOfRange(e);
    }
  }

  /** Jackson lets a number with an exponent of many digits through as a NumberFormatException. */
  private static JsonProcessingException outOfRange(NumberFormatException e) {
    return new JsonParseException(null, "a number is out of range (" + e.getMessage() + ")");
  }

  /** Parses JSON text that PromptOps itself wrote (stored columns); bad input is a bug. */
  public static JsonNode parseTrusted(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not parse: " + e.getOriginalMessage(), e);
    }
  }

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String writePretty(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Location of a Jackson parse error as "line L, column C", or empty if unknown. */
  public static String location(JsonProcessingException e) {
    var loc = e.getLocation();
    if (loc == null || loc.getLineNr() < 0) {
      return "";
    }
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  /**
   * Whether {@code node} nests containers (objects, arrays) deeper than {@code limit} levels: a
   * scalar is at depth 0, {@code {"a": 1}} at 1. Stops looking below the limit, so the answer costs
   * at most {@code limit} frames of stack.
   */
  public static boolean deeperThan(JsonNode node, int limit) {
    if (!node.isContainerNode()) {
      return false;
    }
    if (limit <= 0) {
      return true;
    }
    for (JsonNode child : node) {
      if (deeperThan(child, limit - 1)) {
        return true;
      }
    }
    return false;
  }
}
