package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks render variables against the prompt's input schema (JSON Schema 2020-12, from Picoschema
 * or written out). Only object schemas describe variables, so only they are checked. Each problem
 * names the variable, where the template first uses it, what the schema expects and what came.
 *
 * <p>A schema is self-contained: {@code $ref} may point inside it ({@code #/$defs/name}), never to
 * a file, a class path resource or a URL, which the server would otherwise read or fetch.
 */
final class InputValidation {
  private InputValidation() {}

  /**
   * Checks {@code input} against {@code schema}.
   *
   * @param compiled {@code schema} compiled, when the caller keeps it; else null
   */
  static void check(JsonNode schema, JsonSchema compiled, ObjectNode input, CompiledPrompt prompt) {
    if (!describesObject(schema)) {
      return;
    }
    JsonSchema validator = compiled != null ? compiled : compiled(schema, prompt);
    String uncheckable = JsonSchemas.uncheckable(input);
    if (uncheckable != null) {
      throw new TemplateException(
          Problem.error(
              "invalid_variable",
              prompt.origin(),
              0,
              0,
              "the variables cannot be checked against the input schema: " + uncheckable,
              "pass variables that nest at most " + JsonSchemas.MAX_VALUE_DEPTH + " levels"));
    }
    List<ValidationMessage> messages = JsonSchemas.messages(validator, input);
    if (messages.isEmpty()) {
      return;
    }
    var problems = new ArrayList<Problem>();
    for (ValidationMessage m : messages) {
      problems.add(problem(m, schema, prompt));
    }
    throw new TemplateException(problems.getFirst().code(), problems);
  }

  /**
   * Compiles the input schema now, so that one that cannot be used (a {@code $ref} that does not
   * resolve, a bad pattern) is a compile error, reported by lint at push time, not at every render.
   */
  static void prepare(CompiledPrompt prompt) {
    JsonNode schema = prompt.metadata(null).path("input").path("schema");
    if (describesObject(schema)) {
      compiled(schema, prompt);
    }
  }

  static boolean describesObject(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return false;
    }
    JsonNode type = schema.get("type");
    if (type != null && type.isTextual()) {
      return type.textValue().equals("object");
    }
    if (type != null && type.isArray()) {
      for (JsonNode t : type) {
        if (t.asText().equals("object")) {
          return true;
        }
      }
      return false;
    }
    return schema.has("properties");
  }

  /** The compiled schema when it describes an object (the variables), else null. */
  static JsonSchema compiledIfObject(JsonNode schema, CompiledPrompt prompt) {
    return describesObject(schema) ? compiled(schema, prompt) : null;
  }

  private static JsonSchema compiled(JsonNode schema, CompiledPrompt prompt) {
    try {
      return JsonSchemas.compile(schema);
    } catch (IllegalArgumentException e) {
      throw new TemplateException(
          Problem.error(
              "invalid_schema",
              prompt.origin(),
              0,
              0,
              "the input schema is not valid JSON Schema: " + e.getMessage(),
              "fix input.schema in the front matter; a $ref may point only inside the schema,"
                  + " e.g. #/$defs/address"));
    }
  }

  private static Problem problem(ValidationMessage m, JsonNode schema, CompiledPrompt prompt) {
    String variable = variable(m);
    int[] at = prompt.positionOf(variable);
    boolean missing = "required".equals(m.getType());
    String message =
        missing
            ? "missing required variable '" + variable + "'"
            : "variable '" + variable + "' does not fit the input schema: " + m.getMessage();
    JsonNode declared = schema.path("properties").path(variable);
    String hint =
        declared.isMissingNode()
            ? "pass the variables the input schema declares"
            : "the input schema declares " + variable + ": " + declared;
    return new Problem(
        Problem.Severity.ERROR,
        missing ? "missing_variable" : "invalid_variable",
        prompt.origin(),
        at[0],
        at[1],
        variable,
        message,
        hint);
  }

  private static String variable(ValidationMessage m) {
    if ("required".equals(m.getType()) && m.getProperty() != null) {
      var parent = m.getInstanceLocation();
      return parent.getNameCount() == 0 ? m.getProperty() : parent.getName(0);
    }
    var path = m.getInstanceLocation();
    if (path.getNameCount() > 0 && path.getName(0) != null) {
      return path.getName(0);
    }
    return m.getProperty() == null ? "(input)" : m.getProperty();
  }
}
