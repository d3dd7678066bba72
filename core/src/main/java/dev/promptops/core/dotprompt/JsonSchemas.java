package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
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

  private JsonSchemas() {}

  /**
   * The compiled schema.
   *
   * @throws IllegalArgumentException when the schema cannot be used (its message says why)
   */
  static JsonSchema compile(JsonNode schema) {
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
    return messages(schema, value).stream().map(ValidationMessage::getMessage).toList();
  }
}
