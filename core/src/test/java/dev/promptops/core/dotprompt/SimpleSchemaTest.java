package dev.promptops.core.dotprompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The quick schema check says "fits" only where the full validator agrees, and it does say so for
 * the ordinary case (else it would be useless).
 */
class SimpleSchemaTest {
  private static final String SCHEMA =
      """
      {"type": "object",
       "properties": {
         "name": {"type": "string", "description": "who"},
         "age": {"type": "integer"},
         "score": {"type": ["number", "null"]},
         "tags": {"type": "array", "items": {"type": "string"}},
         "tone": {"enum": ["formal", "casual"]},
         "address": {"type": "object", "properties": {"city": {"type": "string"}},
                     "required": ["city"], "additionalProperties": false}
       },
       "required": ["name", "tone"],
       "additionalProperties": false}
      """;

  @Test
  void acceptsWhatFitsAndDoubtsTheRest() {
    SimpleSchema s = SimpleSchema.of(json(SCHEMA));
    assertThat(s).isNotNull();
    assertThat(s.accepts(json("{\"name\": \"Ada\", \"tone\": \"formal\"}"))).isTrue();
    assertThat(
            s.accepts(
                json(
                    "{\"name\": \"Ada\", \"tone\": \"casual\", \"age\": 36, \"score\": null,"
                        + " \"tags\": [\"a\"], \"address\": {\"city\": \"Paris\"}}")))
        .isTrue();
    for (String doubtful :
        List.of(
            "{\"tone\": \"formal\"}",
            "{\"name\": \"Ada\", \"tone\": \"rude\"}",
            "{\"name\": 5, \"tone\": \"formal\"}",
            "{\"name\": \"Ada\", \"tone\": \"formal\", \"extra\": 1}",
            "{\"name\": \"Ada\", \"tone\": \"formal\", \"age\": 2.0}",
            "{\"name\": \"Ada\", \"tone\": \"formal\", \"tags\": [1]}",
            "{\"name\": \"Ada\", \"tone\": \"formal\", \"address\": {}}",
            "{\"name\": \"Ada\", \"tone\": \"formal\", \"address\": {\"city\": \"P\", \"x\": 1}}")) {
      assertThat(s.accepts(json(doubtful))).as(doubtful).isFalse();
    }
  }

  @Test
  void schemasWithOtherKeywordsHaveNoQuickCheck() {
    for (String schema :
        List.of(
            "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"minLength\": 2}}}",
            "{\"type\": \"object\", \"$defs\": {}, \"properties\": {}}",
            "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/$defs/x\"}}}",
            "{\"type\": \"object\", \"patternProperties\": {\"^a\": {}}}",
            "{\"type\": \"uuid\"}",
            "{\"type\": \"array\", \"items\": [{\"type\": \"string\"}]}")) {
      assertThat(SimpleSchema.of(json(schema))).as(schema).isNull();
    }
  }

  @Test
  void neverAcceptsWhatTheFullValidatorRefuses() {
    var random = new Random(7);
    List<String> values =
        List.of(
            "\"x\"",
            "\"\"",
            "0",
            "1",
            "2.0",
            "2.5",
            "-3",
            "true",
            "false",
            "null",
            "[]",
            "[\"a\"]",
            "[1, \"a\"]",
            "{}",
            "{\"city\": \"P\"}",
            "{\"city\": 1}",
            "12345678901234567890");
    List<String> schemas =
        List.of(
            "{\"type\": \"string\"}",
            "{\"type\": \"integer\"}",
            "{\"type\": \"number\"}",
            "{\"type\": [\"boolean\", \"null\"]}",
            "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}",
            "{\"enum\": [\"x\", 1, null, true]}",
            "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}},"
                + " \"required\": [\"city\"], \"additionalProperties\": false}",
            "true",
            "false",
            "{\"additionalProperties\": {\"type\": \"integer\"}}");
    int accepted = 0;
    for (int i = 0; i < 3000; i++) {
      var schema = Json.object().put("type", "object");
      var properties = schema.putObject("properties");
      var required = schema.putArray("required");
      var value = Json.object();
      for (String name : List.of("a", "b", "c")) {
        if (random.nextBoolean()) {
          properties.set(name, json(schemas.get(random.nextInt(schemas.size()))));
        }
        if (random.nextInt(3) == 0) {
          required.add(name);
        }
        if (random.nextInt(4) != 0) {
          value.set(name, json(values.get(random.nextInt(values.size()))));
        }
      }
      if (random.nextBoolean()) {
        schema.put("additionalProperties", false);
      }
      if (random.nextInt(5) == 0) {
        value.put("extra", 1);
      }
      SimpleSchema quick = SimpleSchema.of(schema);
      assertThat(quick).as(schema.toString()).isNotNull();
      if (quick.accepts(value)) {
        accepted++;
        assertThat(JsonSchemas.validate(schema, value))
            .as("%s accepts %s", schema, value)
            .isEmpty();
      }
    }
    assertThat(accepted).isGreaterThan(300);
  }

  private static JsonNode json(String text) {
    try {
      return Json.parse(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
