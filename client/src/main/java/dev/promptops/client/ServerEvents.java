package dev.promptops.client;

import java.util.Iterator;
import java.util.function.BiConsumer;

/**
 * Reads a {@code text/event-stream} (the WHATWG rules the server writes by): {@code event:} and
 * {@code data:} fields, several data lines joined by newlines, an event dispatched at a blank line
 * (and at the end), comments ({@code :…}) and other fields ignored. An event without a name is
 * {@code message}.
 */
final class ServerEvents {
  private ServerEvents() {}

  static void read(Iterator<String> lines, BiConsumer<String, String> handler) {
    String event = null;
    StringBuilder data = null;
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        dispatch(event, data, handler);
        event = null;
        data = null;
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> event = value;
        case "data" ->
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        default -> {}
      }
    }
    dispatch(event, data, handler);
  }

  private static void dispatch(
      String event, StringBuilder data, BiConsumer<String, String> handler) {
    if (data != null) {
      handler.accept(event == null || event.isEmpty() ? "message" : event, data.toString());
    }
  }
}
