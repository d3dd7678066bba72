package dev.promptops.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a route answers: a status, an optional JSON body, extra headers; or, for a stream, the code
 * that writes server-sent events ({@code text/event-stream}).
 */
public record Reply(
    int status, JsonNode body, Map<String, String> headers, Consumer<SseWriter> events) {

  public Reply {
    headers = Map.copyOf(headers);
  }

  public Reply(int status, JsonNode body, Map<String, String> headers) {
    this(status, body, headers, null);
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

  /** A 200 stream of server-sent events written by {@code events}. */
  public static Reply events(Consumer<SseWriter> events) {
    return new Reply(200, null, Map.of(), events);
  }

  public Reply withHeader(String name, String value) {
    var copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, body, copy, events);
  }
}
