package dev.promptops.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import dev.promptops.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A real server on port 0 over a SQLite file (or a given JDBC URL), and a tiny HTTP helper. */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final PromptOpsServer server;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private TestServer(ServerConfig config) {
    this.server =
        PromptOpsServer.start(config, new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  public static TestServer sqlite(Path dataDir) {
    return new TestServer(config(dataDir, null));
  }

  /** A server with any configuration, e.g. with environment variables. */
  public static TestServer start(ServerConfig config) {
    return new TestServer(config);
  }

  /** A server on a database of the store's {@code TestDatabases}. */
  public static TestServer on(Path dataDir, TestDatabases.Database db) {
    return new TestServer(
        new ServerConfig(
            "127.0.0.1", 0, dataDir, db.jdbcUrl(), db.user(), db.password(), 64 * 1024, ADMIN_KEY));
  }

  public static ServerConfig config(Path dataDir, String jdbcUrl) {
    return new ServerConfig("127.0.0.1", 0, dataDir, jdbcUrl, null, null, 64 * 1024, ADMIN_KEY);
  }

  public PromptOpsServer server() {
    return server;
  }

  public String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  public String url() {
    return server.url();
  }

  /** A response: status, parsed JSON body (or null) and headers. */
  public record Resp(
      int status, JsonNode json, String text, Map<String, java.util.List<String>> headers) {
    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }

    public String errorCode() {
      return json.path("error").path("code").asText();
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  public Resp get(String path, String key) {
    return call("GET", path, key, null, Map.of());
  }

  public Resp post(String path, String key, Object body) {
    return call("POST", path, key, body instanceof String s ? s : Json.write(body), Map.of());
  }

  public Resp put(String path, String key, Object body) {
    return call("PUT", path, key, body instanceof String s ? s : Json.write(body), Map.of());
  }

  public Resp delete(String path, String key) {
    return call("DELETE", path, key, null, Map.of());
  }

  public Resp call(
      String method, String path, String key, String body, Map<String, String> headers) {
    return call(url(), method, path, key, body, headers);
  }

  /** A request to the server at {@code baseUrl} (e.g. one in another JVM). */
  public static Resp call(
      String baseUrl,
      String method,
      String path,
      String key,
      String body,
      Map<String, String> headers) {
    var builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    headers.forEach(builder::header);
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      if (!r.body().isEmpty()) {
        try {
          json = Json.parse(r.body());
        } catch (IOException e) {
          json = null;
        }
      }
      return new Resp(r.statusCode(), json, r.body(), r.headers().map());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
