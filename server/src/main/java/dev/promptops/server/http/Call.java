package dev.promptops.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One request as a route sees it: the caller, the path parameters, the query, headers and the JSON
 * body. Independent of the web server so handlers stay plain code.
 */
public final class Call {
  private final Principal principal;
  private final Map<String, String> params;
  private final Map<String, List<String>> query;
  private final Function<String, Optional<String>> headers;
  private final Supplier<byte[]> body;

  public Call(
      Principal principal,
      Map<String, String> params,
      Map<String, List<String>> query,
      Function<String, Optional<String>> headers,
      Supplier<byte[]> body) {
    this.principal = principal;
    this.params = Map.copyOf(params);
    this.query = Map.copyOf(query);
    this.headers = headers;
    this.body = body;
  }

  /** The authenticated caller; null only on public routes. */
  public Principal principal() {
    return principal;
  }

  public String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no parameter " + name);
    }
    return value;
  }

  public int intParam(String name) {
    String value = param(name);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "invalid_" + name, "not a number: '" + value + "'", name + " must be a whole number");
    }
  }

  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new InvalidInputException(
          "repeated_parameter",
          "query parameter '" + name + "' is given " + values.size() + " times",
          "give it once");
    }
    return Optional.of(values.getFirst());
  }

  public Optional<Integer> queryInt(String name) {
    return query(name).map(v -> parseInt(name, v));
  }

  public Optional<Long> queryLong(String name) {
    return query(name)
        .map(
            v -> {
              try {
                return Long.parseLong(v);
              } catch (NumberFormatException e) {
                throw new InvalidInputException(
                    "invalid_parameter",
                    "query parameter '" + name + "' is not a number: '" + v + "'",
                    "give a whole number");
              }
            });
  }

  public Optional<Instant> queryInstant(String name) {
    return query(name)
        .map(
            v -> {
              try {
                return Instant.parse(v);
              } catch (DateTimeParseException e) {
                throw new InvalidInputException(
                    "invalid_parameter",
                    "query parameter '" + name + "' is not a timestamp: '" + v + "'",
                    "use ISO-8601 UTC, e.g. 2026-11-25T10:00:00Z");
              }
            });
  }

  public Optional<String> header(String name) {
    return headers.apply(name);
  }

  /** The body as a JSON object; 400 when it is missing, not JSON, or not an object. */
  public ObjectNode json() {
    return optJson()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "missing_body", "this request needs a JSON body", "send a JSON object"));
  }

  /** The body as a JSON object, or empty when there is none; 400 when it is not a JSON object. */
  public Optional<ObjectNode> optJson() {
    byte[] bytes = body.get();
    if (bytes.length == 0) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = Json.parse(bytes);
    } catch (JsonProcessingException e) {
      String where = Json.location(e);
      throw new InvalidInputException(
          "invalid_json",
          "the body is not valid JSON"
              + (where.isEmpty() ? "" : " (" + where + ")")
              + ": "
              + e.getOriginalMessage(),
          "send a JSON object with Content-Type: application/json",
          e);
    } catch (java.io.IOException e) {
      throw new InvalidInputException("invalid_json", "the body could not be read", "retry", e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new InvalidInputException(
          "invalid_json", "the body must be a JSON object", "send {...}, not a list or a value");
    }
    return Optional.of(object);
  }

  private static int parseInt(String name, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "invalid_parameter",
          "query parameter '" + name + "' is not a number: '" + v + "'",
          "give a whole number");
    }
  }
}
