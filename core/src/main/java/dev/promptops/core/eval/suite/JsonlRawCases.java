package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/**
 * A JSON Lines case file: one case object per line ({@code {"vars": {…}, "assert": [...]}}, the
 * shape promptfoo's JSONL test files have); blank lines are skipped.
 */
final class JsonlRawCases implements RawCases {
  private final BufferedReader in;
  private final String display;
  private int line;
  private Raw next;

  JsonlRawCases(BufferedReader in, String display) {
    this.in = in;
    this.display = display;
  }

  @Override
  public boolean hasNext() {
    try {
      while (next == null) {
        String text = in.readLine();
        if (text == null) {
          return false;
        }
        line++;
        if (!text.isBlank()) {
          next = new Raw(parse(text), line);
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode parse(String text) {
    String where = display + ":" + line;
    JsonNode node;
    try {
      node = Json.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (JsonProcessingException e) {
      throw SuiteErrors.invalid(
          where, "not valid JSON (" + FileValues.pos(e) + ")", "write one JSON object per line");
    }
    if (!node.isObject()) {
      throw SuiteErrors.invalid(
          where,
          "a line must be a JSON object, not " + Nodes.kind(node),
          "write e.g. {\"vars\": {\"customer\": \"Ann\"}, \"assert\": [{\"type\": \"contains\","
              + " \"value\": \"Ann\"}]}");
    }
    return node;
  }

  @Override
  public Raw next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Raw r = next;
    next = null;
    return r;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
