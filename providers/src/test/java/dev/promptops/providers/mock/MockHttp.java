package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain HTTP client of the mock for tests: posts JSON, reads JSON, SSE and NDJSON answers. */
final class MockHttp {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String url;

  MockHttp(MockLlmServer server) {
    this.url = server.url();
  }

  /** A response, its body read whole. */
  record Response(int status, HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return Json.parse(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The server-sent events of the body. */
    List<Sse> events() {
      var events = new ArrayList<Sse>();
      for (String block : body.replace("\r\n", "\n").split("\n\n")) {
        String event = null;
        String data = null;
        for (String line : block.split("\n")) {
          if (line.startsWith("event: ")) {
            event = line.substring(7);
          } else if (line.startsWith("data: ")) {
            data = line.substring(6);
          }
        }
        if (data != null) {
          events.add(new Sse(event, data));
        }
      }
      return events;
    }

    /** The newline-delimited JSON values of the body. */
    List<JsonNode> lines() {
      var out = new ArrayList<JsonNode>();
      for (String line : body.split("\n")) {
        if (!line.isBlank()) {
          out.add(new Response(status, headers, line).json());
        }
      }
      return out;
    }
  }

  /** One server-sent event. */
  record Sse(String event, String data) {
    JsonNode json() {
      return new Response(200, null, data).json();
    }
  }

  Response post(String path, String json, String... headers) {
    return send(
        HttpRequest.newBuilder(URI.create(url + path))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json"),
        headers);
  }

  Response post(String path, JsonNode json, String... headers) {
    return post(path, Json.write(json), headers);
  }

  Response get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(url + path)).GET(), headers);
  }

  Response send(HttpRequest.Builder request, String... headers) {
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      HttpResponse<String> r =
          client.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpClient client() {
    return client;
  }
}
