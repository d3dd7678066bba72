package dev.promptops.core.dotprompt.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.dotprompt.Partials;
import dev.promptops.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fuzz input as text: a main part, then optional sections, each opened by a line {@code %%%
 * NAME}. Seed files stay readable:
 *
 * <pre>
 * ---
 * input: {schema: {name: string}}
 * ---
 * Hello {{name}} {{> footer}}
 * %%% partial footer
 * Bye.
 * %%% data
 * {"input": {"name": "Ada"}}
 * </pre>
 *
 * Sections: {@code partial NAME} (a partial's template, any number), {@code data} (render data as
 * {@code RenderData.fromJson} reads it) and {@code template} (a template, for the schema target).
 * Bytes that are not UTF-8 become U+FFFD.
 */
record FuzzInput(String main, Map<String, String> sections) {
  private static final String MARKER = "%%% ";

  static FuzzInput of(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    var sections = new LinkedHashMap<String, String>();
    int at = sectionStart(text, 0);
    String main = text.substring(0, at < 0 ? text.length() : at);
    while (at >= 0) {
      int nameEnd = text.indexOf('\n', at);
      String name = text.substring(at + MARKER.length(), nameEnd < 0 ? text.length() : nameEnd);
      int bodyStart = nameEnd < 0 ? text.length() : nameEnd + 1;
      int next = sectionStart(text, bodyStart);
      sections.putIfAbsent(
          name.strip(), text.substring(bodyStart, next < 0 ? text.length() : next));
      at = next;
    }
    return new FuzzInput(main, sections);
  }

  /** Where the next line starting with the marker begins, or -1. */
  private static int sectionStart(String text, int from) {
    if (from == 0 && text.startsWith(MARKER)) {
      return 0;
    }
    int found = text.indexOf("\n" + MARKER, Math.max(0, from - 1));
    return found < 0 ? -1 : found + 1;
  }

  Partials partials() {
    var templates = new LinkedHashMap<String, String>();
    sections.forEach(
        (name, body) -> {
          if (name.startsWith("partial ")) {
            templates.putIfAbsent(name.substring("partial ".length()).strip(), body);
          }
        });
    return Partials.of(templates);
  }

  String section(String name, String otherwise) {
    return sections.getOrDefault(name, otherwise);
  }

  /** The {@code data} section as JSON, or null when there is none or it is not JSON. */
  JsonNode data() {
    String json = sections.get("data");
    if (json == null) {
      return null;
    }
    try {
      return Json.parse(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
