package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one response: a whole JSON body, or a stream sent unit by unit (an SSE event, an NDJSON
 * line), flushed as it goes. In malformed mode it breaks the body on purpose: a JSON body is cut in
 * half, a stream breaks off in the middle of its second unit.
 */
final class Responder {
  static final String JSON = "application/json";
  static final String SSE = "text/event-stream; charset=utf-8";
  static final String NDJSON = "application/x-ndjson";

  private final HttpExchange exchange;
  private final boolean malformed;
  private OutputStream stream;
  private int units;
  private boolean broken;

  Responder(HttpExchange exchange, boolean malformed) {
    this.exchange = exchange;
    this.malformed = malformed;
  }

  void header(String name, String value) {
    exchange.getResponseHeaders().add(name, value);
  }

  void json(int status, JsonNode body) throws IOException {
    byte[] bytes = Json.bytes(body);
    if (malformed) {
      bytes = Arrays.copyOf(bytes, bytes.length / 2);
    }
    exchange.getResponseHeaders().set("Content-Type", JSON);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Sends 200 with {@code contentType}, the body chunked. */
  void startStream(String contentType) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    stream = exchange.getResponseBody();
  }

  /** A server-sent event: optional {@code event:} line, one {@code data:} line, a blank line. */
  void event(String event, String data) throws IOException {
    unit((event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n");
  }

  void event(String event, JsonNode data) throws IOException {
    event(event, Json.write(data));
  }

  /** One newline-delimited JSON value. */
  void line(JsonNode value) throws IOException {
    unit(Json.write(value) + "\n");
  }

  /** Raw text, sent at once. */
  void unit(String text) throws IOException {
    if (broken) {
      return;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    units++;
    if (malformed && units == 2) {
      bytes = Arrays.copyOf(bytes, bytes.length / 2);
      broken = true;
    }
    stream.write(bytes);
    stream.flush();
  }

  void end() throws IOException {
    stream.close();
  }
}
