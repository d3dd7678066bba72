package dev.promptops.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events, flushing each one so that the client sees it at once. */
public final class SseWriter {
  private final OutputStream out;

  SseWriter(OutputStream out) {
    this.out = out;
  }

  /** {@code event: NAME} and {@code data: JSON}. */
  public void event(String name, JsonNode data) {
    write("event: " + name + "\ndata: " + Json.write(data) + "\n\n");
  }

  /** A {@code data:} line alone (OpenAI's format), e.g. a JSON chunk or {@code [DONE]}. */
  public void data(String data) {
    write("data: " + data + "\n\n");
  }

  private void write(String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the client went away", e);
    }
  }
}
