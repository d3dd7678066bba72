package dev.promptops.providers;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.promptops.core.provider.GenerationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Dotprompt's generation parameters, by their Dotprompt names, and as LangChain4j's request
 * parameters. {@code json} is JSON output without a schema; {@code jsonSchema} JSON output with
 * one.
 */
final class Parameters {
  static final String TEMPERATURE = "temperature";
  static final String MAX_OUTPUT_TOKENS = "maxOutputTokens";
  static final String TOP_P = "topP";
  static final String TOP_K = "topK";
  static final String STOP_SEQUENCES = "stopSequences";
  static final String JSON = "json";
  static final String JSON_SCHEMA = "jsonSchema";

  /** Every parameter, in the order messages list them. */
  static final List<String> ALL =
      List.of(TEMPERATURE, MAX_OUTPUT_TOKENS, TOP_P, TOP_K, STOP_SEQUENCES, JSON, JSON_SCHEMA);

  /** The name LangChain4j's JSON schema carries (OpenAI requires one). */
  static final String SCHEMA_NAME = "output";

  private Parameters() {}

  /** The parameters {@code config} sets. */
  static List<String> set(GenerationConfig config) {
    var out = new ArrayList<String>();
    if (config.temperature() != null) {
      out.add(TEMPERATURE);
    }
    if (config.maxOutputTokens() != null) {
      out.add(MAX_OUTPUT_TOKENS);
    }
    if (config.topP() != null) {
      out.add(TOP_P);
    }
    if (config.topK() != null) {
      out.add(TOP_K);
    }
    if (!config.stopSequences().isEmpty()) {
      out.add(STOP_SEQUENCES);
    }
    if (config.jsonSchema() != null) {
      out.add(JSON_SCHEMA);
    } else if (config.json()) {
      out.add(JSON);
    }
    return out;
  }

  /** The parameters {@code config} sets that are not in {@code supported}. */
  static List<String> unsupported(GenerationConfig config, Set<String> supported) {
    return set(config).stream().filter(p -> !supported.contains(p)).toList();
  }

  static ChatRequestParameters toLangChain4j(String model, GenerationConfig config) {
    return ChatRequestParameters.builder()
        .modelName(model)
        .temperature(config.temperature())
        .maxOutputTokens(config.maxOutputTokens())
        .topP(config.topP())
        .topK(config.topK())
        .stopSequences(config.stopSequences().isEmpty() ? null : config.stopSequences())
        .responseFormat(responseFormat(config))
        .build();
  }

  private static ResponseFormat responseFormat(GenerationConfig config) {
    if (config.jsonSchema() != null) {
      var schema =
          JsonSchema.builder()
              .name(SCHEMA_NAME)
              .rootElement(JsonRawSchema.from(config.jsonSchema().toString()))
              .build();
      return ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build();
    }
    return config.json() ? ResponseFormat.JSON : null;
  }
}
