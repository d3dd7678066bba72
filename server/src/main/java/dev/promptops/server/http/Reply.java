package dev.promptops.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a route answers: a status, an optional JSON body, extra headers; or, for a stream, the code
 * that writes the body as it is produced (server-sent events, JSON Lines).
 */
public record Reply(int status, JsonNode body, Map<String, String> headers, Streamed stream) {

  /** A body written while it is produced, of {@code contentType}. */
  public record Streamed(String contentType, Consumer<OutputStream> writer) {}

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
    return stream("text/event-stream", out -> events.accept(new SseWriter(out)));
  }

  /** A 200 body of {@code contentType} written by {@code writer} while it is produced. */
  public static Reply stream(String contentType, Consumer<OutputStream> writer) {
    return new Reply(200, null, Map.of(), new Streamed(contentType, writer));
  }

  public Reply withHeader(String name, String value) {
    var copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, body, copy, stream);
  }
}
