package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schema 2020-12 validation of prompt inputs and model outputs. A schema is self-contained:
 * {@code $ref} may point inside it ({@code #/$defs/name}), never to a file, a class path resource
 * or a URL, which the server would otherwise read or fetch. Patterns run on RE2/J ({@link
 * Re2Patterns}), in linear time. Compiled schemas are cached.
 */
public final class JsonSchemas {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          builder -> builder.schemaLoaders(l -> l.add(DisallowSchemaLoader.getInstance())));
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().regularExpressionFactory(Re2Patterns.INSTANCE).build();
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
  private static final int MAX_CACHED = 2048;

  /**
   * How deep a schema may nest, in JSON levels ({@code {"properties": {"a": {}}}} is 2; a
   * Picoschema object field takes two). The validator recurses through a schema as it compiles it;
   * a deeper schema would overflow the stack, and no real input has this many levels.
   */
  public static final int MAX_DEPTH = 128;

  private JsonSchemas() {}

  /**
   * The compiled schema.
   *
   * @throws IllegalArgumentException when the schema cannot be used (its message says why)
   */
  static JsonSchema compile(JsonNode schema) {
    checkDepth(schema);
    String key = schema.toString();
    JsonSchema cached = SCHEMAS.get(key);
    if (cached != null) {
      return cached;
    }
    JsonSchema compiled;
    try {
      compiled = FACTORY.getSchema(schema, CONFIG);
      compiled.initializeValidators();
    } catch (JsonSchemaException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (SCHEMAS.size() < MAX_CACHED) {
      SCHEMAS.put(key, compiled);
    }
    return compiled;
  }

  /**
   * How deep a value checked against a schema may nest. A recursive schema ({@code $ref} to itself)
   * makes the validator recurse once per level of the value; deeper values are refused unchecked.
   */
  public static final int MAX_VALUE_DEPTH = 256;

  /** Why {@code value} cannot be checked (it nests too deep), or null when it can. */
  static String uncheckable(JsonNode value) {
    return Json.deeperThan(value, MAX_VALUE_DEPTH)
        ? "the value nests deeper than " + MAX_VALUE_DEPTH + " levels, too deep to check"
        : null;
  }

  /**
   * Refuses a schema that nests deeper than {@link #MAX_DEPTH}.
   *
   * @throws IllegalArgumentException naming the limit
   */
  static void checkDepth(JsonNode schema) {
    if (Json.deeperThan(schema, MAX_DEPTH)) {
      throw new IllegalArgumentException(
          "the schema nests deeper than "
              + MAX_DEPTH
              + " levels; flatten it, or name the nested"
              + " parts in $defs");
    }
  }

  /** The validation messages of {@code value} against {@code schema}, by location. */
  static List<ValidationMessage> messages(JsonNode schema, JsonNode value) {
    return messages(compile(schema), value);
  }

  /** The validation messages of {@code value} against a compiled schema, by location. */
  static List<ValidationMessage> messages(JsonSchema schema, JsonNode value) {
    var messages = new ArrayList<>(schema.validate(value));
    messages.sort(Comparator.comparing(m -> m.getInstanceLocation().toString()));
    return messages;
  }

  /**
   * What is wrong with {@code value} against {@code schema}, one line per problem ({@code $.age:
   * string found, integer expected}); empty when it fits.
   *
   * @throws IllegalArgumentException when the schema itself cannot be used
   */
  public static List<String> validate(JsonNode schema, JsonNode value) {
    String uncheckable = uncheckable(value);
    if (uncheckable != null) {
      compile(schema);
      return List.of(uncheckable);
    }
    return messages(schema, value).stream().map(ValidationMessage::getMessage).toList();
  }
}
