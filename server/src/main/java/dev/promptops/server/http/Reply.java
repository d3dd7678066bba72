package dev.promptops.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: a status, an optional JSON body, extra headers. */
public record Reply(int status, JsonNode body, Map<String, String> headers) {

  public Reply {
    headers = Map.copyOf(headers);
  }

  public static Reply ok(JsonNode body) {
    return new Reply(200, body, Map.of());
  }

  public static Reply created(JsonNode body) {
    return new Reply(201, body, Map.of());
  }

  public static Reply of(int status, JsonNode body) {
    return new Reply(status, body, Map.of());
  }

  public Reply withHeader(String name, String value) {
    var copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, body, copy);
  }
}
