package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request to the mock, parsed.
 *
 * @param query the query parameters (first value of each)
 * @param headers lower-case names
 * @param body the JSON body; null for a GET
 * @param pathModel the model (Gemini) or deployment (Azure) named in the path, else null
 */
record Call(
    String method,
    String path,
    Map<String, String> query,
    Map<String, List<String>> headers,
    JsonNode body,
    String pathModel) {

  String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
