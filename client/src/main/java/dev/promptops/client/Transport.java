package dev.promptops.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends JSON requests and turns every failure into a {@link PromptOpsException}: error answers by
 * their status (mapped in {@link #kindOf}), unreachable servers as {@link ErrorKind#UNAVAILABLE}.
 */
final class Transport implements AutoCloseable {
  static final String START_HINT = "start it with ./promptops server, or pass --server";

  private final String base;
  private final String apiKey;
  private final Duration requestTimeout;
  private final HttpClient http;

  Transport(String base, String apiKey, Duration connectTimeout, Duration requestTimeout) {
    this.base = base;
    this.apiKey = apiKey;
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  String base() {
    return base;
  }

  JsonNode get(ApiPath path) {
    return send("GET", path, null);
  }

  /**
   * GETs {@code path} with {@code If-None-Match: "etag"}: null when the server answers 304 Not
   * Modified (what the caller holds is current), else the answer as {@link #get} gives it.
   */
  JsonNode getIfChanged(ApiPath path, String etag) {
    String url = base + path;
    HttpRequest request =
        HttpRequest.newBuilder(
                request("GET", url, null, "application/json", requestTimeout), (n, v) -> true)
            .header("If-None-Match", "\"" + etag + "\"")
            .build();
    HttpResponse<String> response =
        exchange(
            request,
            url,
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
            requestTimeout);
    int status = response.statusCode();
    if (status == 304) {
      return null;
    }
    if (status >= 200 && status < 300) {
      return parseAnswer(response.body(), url);
    }
    throw error(status, response.body(), "GET " + url);
  }

  JsonNode send(String method, ApiPath path, JsonNode body) {
    return send(method, path, body, requestTimeout);
  }

  /**
   * Like {@link #send(String, ApiPath, JsonNode)}, waiting up to {@code timeout} for the answer.
   */
  JsonNode send(String method, ApiPath path, JsonNode body, Duration timeout) {
    String url = base + path;
    HttpRequest request = request(method, url, body, "application/json", timeout);
    HttpResponse<String> response =
        exchange(request, url, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), timeout);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return parseAnswer(response.body(), url);
    }
    throw error(status, response.body(), method + " " + url);
  }

  /**
   * Sends a request answered with server-sent events and hands each event to {@code events} as it
   * arrives; an error answer (before any event) throws as {@link #send} does. {@code timeout}
   * bounds the wait for the answer to start, not the stream.
   */
  void events(
      String method,
      ApiPath path,
      JsonNode body,
      Duration timeout,
      java.util.function.BiConsumer<String, String> events) {
    stream(
        method,
        path,
        body,
        "text/event-stream",
        timeout,
        lines -> ServerEvents.read(lines, events));
  }

  /** GETs a JSON Lines answer and hands each non-empty line to {@code line} as it arrives. */
  void lines(ApiPath path, java.util.function.Consumer<String> line) {
    stream(
        "GET",
        path,
        null,
        "application/x-ndjson",
        requestTimeout,
        lines ->
            lines.forEachRemaining(
                l -> {
                  if (!l.isBlank()) {
                    line.accept(l);
                  }
                }));
  }

  private void stream(
      String method,
      ApiPath path,
      JsonNode body,
      String accept,
      Duration timeout,
      java.util.function.Consumer<java.util.Iterator<String>> reader) {
    String url = base + path;
    HttpRequest request = request(method, url, body, accept, timeout);
    HttpResponse<java.util.stream.Stream<String>> response =
        exchange(request, url, HttpResponse.BodyHandlers.ofLines(), timeout);
    try (var lines = response.body()) {
      int status = response.statusCode();
      if (status < 200 || status >= 300) {
        throw error(
            status, String.join("\n", (Iterable<String>) lines::iterator), method + " " + url);
      }
      reader.accept(lines.iterator());
    } catch (java.io.UncheckedIOException e) {
      throw unavailable(
          "stream_broken", "the stream from " + url + " broke off: " + describe(e.getCause()), e);
    }
  }

  private HttpRequest request(
      String method, String url, JsonNode body, String accept, Duration timeout) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Accept", accept)
            .header("User-Agent", "promptops-client");
    if (apiKey != null && !apiKey.isEmpty()) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    if (body == null) {
      return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return b.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
        .build();
  }

  private <T> HttpResponse<T> exchange(
      HttpRequest request, String url, HttpResponse.BodyHandler<T> handler, Duration timeout) {
    try {
      return http.send(request, handler);
    } catch (HttpConnectTimeoutException e) {
      throw unavailable(
          "server_unreachable",
          "cannot reach the PromptOps server at " + base + ": no connection within " + seconds(e),
          e);
    } catch (HttpTimeoutException e) {
      throw unavailable(
          "server_timeout",
          "no answer from the PromptOps server at " + url + " within " + timeout.toSeconds() + "s",
          e);
    } catch (ConnectException e) {
      throw unavailable(
          "server_unreachable",
          "cannot reach the PromptOps server at " + base + ": connection refused",
          e);
    } catch (IOException e) {
      throw unavailable(
          "server_unreachable",
          "cannot reach the PromptOps server at " + base + ": " + describe(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted", "interrupted while waiting for " + url, e);
    }
  }

  private String seconds(HttpConnectTimeoutException e) {
    return http.connectTimeout().map(d -> d.toSeconds() + "s").orElse("the timeout");
  }

  private static PromptOpsException unavailable(String code, String message, Exception cause) {
    return new PromptOpsException(ErrorKind.UNAVAILABLE, code, message, START_HINT, null, cause);
  }

  private static String describe(IOException e) {
    Throwable t = e;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  private static JsonNode parseAnswer(String body, String url) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return Json.parse(body);
    } catch (JsonProcessingException e) {
      throw new PromptOpsException(
          ErrorKind.INTERNAL,
          "bad_answer",
          "the answer from " + url + " is not JSON: " + e.getOriginalMessage(),
          "check that --server points to a PromptOps server",
          null,
          e);
    }
  }

  /** Turns an error answer into an exception carrying the server's code, message and hint. */
  static PromptOpsException error(int status, String body, String request) {
    ErrorKind kind = kindOf(status);
    JsonNode error = errorObject(body);
    if (error == null) {
      return new PromptOpsException(
          kind,
          "http_" + status,
          "HTTP " + status + " from " + request + snippet(body),
          "check that --server points to a PromptOps server");
    }
    JsonNode details = error.get("details");
    return new PromptOpsException(
        kind,
        error.path("code").asText("http_" + status),
        error.path("message").asText("HTTP " + status + " from " + request),
        error.path("hint").asText(""),
        details == null || details.isNull() ? null : details,
        null);
  }

  /** The one mapping from HTTP status to error kind. */
  static ErrorKind kindOf(int status) {
    return switch (status) {
      case 400 -> ErrorKind.INVALID;
      case 401 -> ErrorKind.UNAUTHENTICATED;
      case 403 -> ErrorKind.PERMISSION_DENIED;
      case 404 -> ErrorKind.NOT_FOUND;
      case 409 -> ErrorKind.CONFLICT;
      case 413 -> ErrorKind.TOO_LARGE;
      case 422 -> ErrorKind.UNPROCESSABLE;
      case 503 -> ErrorKind.UNAVAILABLE;
      default -> status >= 500 ? ErrorKind.INTERNAL : ErrorKind.INVALID;
    };
  }

  private static JsonNode errorObject(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode error = Json.parse(body).get("error");
      return error != null && error.isObject() && error.hasNonNull("message") ? error : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String snippet(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String s = body.strip().replaceAll("\\s+", " ");
    return ": " + (s.length() > 200 ? s.substring(0, 200) + "..." : s);
  }

  @Override
  public void close() {
    http.close();
  }

  /** Closes without waiting for requests in flight, which fail. */
  void closeNow() {
    http.shutdownNow();
  }
}
