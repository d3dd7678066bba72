package dev.promptops.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Server-sent events as a test reads them from a whole response body. */
record Sse(String event, String data) {

  /** Every event of {@code body}, in order; an event without {@code event:} is {@code message}. */
  static List<Sse> parse(String body) {
    var out = new ArrayList<Sse>();
    for (String block : body.replace("\r\n", "\n").split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String event = "message";
      var data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
        }
      }
      out.add(new Sse(event, data.toString()));
    }
    return out;
  }

  JsonNode json() {
    try {
      return Json.parse(data);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + data, e);
    }
  }
}
