package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/**
 * A YAML or JSON case file: a list of cases (or one case), parsed one element at a time so that a
 * long list is never held in memory whole.
 */
final class TreeRawCases implements RawCases {
  private final ObjectMapper mapper;
  private final JsonParser parser;
  private final String display;
  private final boolean single;
  private boolean done;
  private Raw next;

  TreeRawCases(Reader in, boolean yaml, String display) throws IOException {
    this.mapper = yaml ? Json.yaml() : Json.mapper();
    this.display = display;
    this.parser = mapper.createParser(in);
    JsonToken first = token();
    this.single = first == JsonToken.START_OBJECT;
    this.done = first == null;
    if (first != null && first != JsonToken.START_ARRAY && !single) {
      throw SuiteErrors.invalid(
          display + ":" + line(),
          "must be a list of cases, not a single value",
          "write one case per item: - vars: {…}");
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      try {
        next = single ? element() : nextElement();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return next != null;
  }

  private Raw nextElement() throws IOException {
    JsonToken t = token();
    if (t == null || t == JsonToken.END_ARRAY) {
      done = true;
      return null;
    }
    return element();
  }

  private Raw element() throws IOException {
    int line = line();
    done = single;
    try {
      JsonNode node = mapper.readTree(parser);
      return new Raw(node, line);
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
  }

  private JsonToken token() throws IOException {
    try {
      return parser.nextToken();
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr();
  }

  private RuntimeException invalid(JsonProcessingException e) {
    var loc = e.getLocation();
    return SuiteErrors.invalid(
        display + (loc == null ? "" : ":" + loc.getLineNr()),
        "does not parse: " + e.getOriginalMessage().replaceAll("\\s+", " ").strip(),
        "fix the syntax; a case file holds a list of cases");
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
    parser.close();
  }
}
