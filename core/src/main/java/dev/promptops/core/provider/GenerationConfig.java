package dev.promptops.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The generation parameters Dotprompt's {@code config} carries, as PromptOps maps them to
 * providers. Null means "not set". {@code jsonSchema} is set when the prompt asks for JSON output
 * ({@code output.format: json}) with a schema; {@code json} when it asks for JSON at all.
 */
public record GenerationConfig(
    Double temperature,
    Integer maxOutputTokens,
    Double topP,
    Integer topK,
    List<String> stopSequences,
    boolean json,
    JsonNode jsonSchema) {

  public GenerationConfig {
    stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
  }

  public static GenerationConfig none() {
    return new GenerationConfig(null, null, null, null, List.of(), false, null);
  }
}
