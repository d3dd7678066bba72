package dev.promptops.providers.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP request to the mock, parsed. Secret headers are redacted as soon as they are read.
 *
 * @param query the query parameters (first value of each)
 * @param headers lower-case names; secrets redacted ({@code Bearer ***})
 * @param body the JSON body; null for a GET
 * @param pathModel the model (Gemini) or deployment (Azure) named in the path, else null
 */
record Call(
    String method,
    String path,
    Map<String, String> query,
    Map<String, List<String>> headers,
    JsonNode body,
    String pathModel) {

  static final int MAX_BODY = 32 * 1024 * 1024;
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "api-key", "x-api-key", "x-goog-api-key");

  /** The request line and headers of {@code ex} (secret headers redacted); no body yet. */
  static Call read(HttpExchange ex) {
    URI uri = ex.getRequestURI();
    return new Call(
        ex.getRequestMethod(),
        Router.normalise(path(uri)),
        query(uri.getRawQuery()),
        headers(ex),
        null,
        null);
  }

  /** The query for the request log: the {@code key} parameter (Gemini's API key) redacted. */
  Map<String, String> redactedQuery() {
    var out = new LinkedHashMap<>(query);
    out.computeIfPresent("key", (k, v) -> "***");
    return out;
  }

  String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Reads the body of the exchange as JSON (none for a GET), with the route's path model. */
  Call withBody(HttpExchange ex, String model) throws IOException, BadRequest {
    byte[] bytes;
    try (InputStream in = ex.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new BadRequest(
          Failure.TOO_LARGE, "the request body is larger than " + MAX_BODY + " bytes");
    }
    if (method.equals("GET")) {
      return new Call(method, path, query, headers, null, model);
    }
    JsonNode body;
    try {
      body = Json.parse(bytes);
    } catch (JsonProcessingException e) {
      throw new BadRequest(
          "the body is not valid JSON: " + e.getOriginalMessage() + " at " + Json.location(e));
    }
    if (body == null || !body.isObject()) {
      throw new BadRequest("the body must be a JSON object");
    }
    return new Call(method, path, query, headers, body, model);
  }

  /** The path; a request line {@code POST //v1/…} reads as authority {@code v1} without this. */
  private static String path(URI uri) {
    return uri.getScheme() == null && uri.getAuthority() != null
        ? "/" + uri.getAuthority() + uri.getPath()
        : uri.getPath();
  }

  private static Map<String, List<String>> headers(HttpExchange ex) {
    var out = new LinkedHashMap<String, List<String>>();
    ex.getRequestHeaders()
        .forEach(
            (name, values) -> {
              String key = name.toLowerCase(Locale.ROOT);
              List<String> kept =
                  SECRET_HEADERS.contains(key)
                      ? values.stream().map(Call::redact).toList()
                      : List.copyOf(values);
              out.computeIfAbsent(key, k -> new ArrayList<>()).addAll(kept);
            });
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  /** {@code Bearer sk-123} → {@code Bearer ***}; any other value → {@code ***}. */
  private static String redact(String value) {
    int space = value.indexOf(' ');
    return space > 0 ? value.substring(0, space) + " ***" : "***";
  }

  private static Map<String, String> query(String raw) {
    var out = new LinkedHashMap<String, String>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      out.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
