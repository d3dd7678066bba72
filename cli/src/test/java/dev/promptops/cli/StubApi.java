package dev.promptops.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP stand-in for the server: canned answers per "METHOD /path?query", 404 for the rest,
 * and a record of every request. For checking what commands send and how they print.
 */
final class StubApi implements AutoCloseable {
  record Request(String method, String path, String authorization, String body) {}

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  StubApi() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          var uri = exchange.getRequestURI();
          String path =
              uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  path,
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  body));
          Answer a =
              answers.getOrDefault(
                  exchange.getRequestMethod() + " " + path,
                  new Answer(
                      404,
                      "{\"error\":{\"code\":\"route_not_found\",\"message\":\"no stub for "
                          + exchange.getRequestMethod()
                          + " "
                          + path
                          + "\",\"hint\":\"\"}}"));
          byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(a.status(), out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
  }

  /** Answers {@code method path} (path under /api/v1, with its query) with status and body. */
  StubApi on(String method, String path, int status, String body) {
    answers.put(method + " /api/v1" + path, new Answer(status, body));
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  Request last(String method) {
    return requests.stream()
        .filter(r -> r.method().equals(method))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + method + " request; got " + requests));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- canned shapes, as docs/api.md shows them

  static String project(String name, String... envs) {
    return "{\"name\":\""
        + name
        + "\",\"description\":\"\",\"environments\":["
        + String.join(",", java.util.Arrays.stream(envs).map(e -> "\"" + e + "\"").toList())
        + "],\"defaultEnvironment\":\"production\",\"createdAt\":\"2026-11-25T10:00:00Z\","
        + "\"createdBy\":\"admin\"}";
  }

  static String pins(String prompt, String... targetVersion) {
    var pins = new StringBuilder();
    for (int i = 0; i < targetVersion.length; i += 2) {
      pins.append(i == 0 ? "" : ",")
          .append("{\"target\":\"")
          .append(targetVersion[i])
          .append("\",\"kind\":\"env\",")
          .append("\"version\":")
          .append(targetVersion[i + 1])
          .append(",\"updatedAt\":\"2026-11-25T10:00:00Z\"}");
    }
    return "{\"prompt\":\"" + prompt + "\",\"latestVersion\":3,\"pins\":[" + pins + "]}";
  }

  static String deployment(
      long id, String prompt, String target, Integer from, int to, String kind) {
    return "{\"id\":"
        + id
        + ",\"project\":\"shop\",\"prompt\":\""
        + prompt
        + "\",\"target\":\""
        + target
        + "\",\"targetKind\":\"env\",\"fromVersion\":"
        + from
        + ",\"toVersion\":"
        + to
        + ",\"kind\":\""
        + kind
        + "\",\"actor\":\"admin\",\"reason\":\"tone\","
        + "\"at\":\"2026-11-25T10:00:00Z\"}";
  }

  static String outcome(String prompt, String target, int version, String deployment) {
    return "{\"changed\":"
        + (deployment != null)
        + ",\"prompt\":\""
        + prompt
        + "\",\"target\":\""
        + target
        + "\",\"version\":"
        + version
        + ",\"digest\":\"sha256:"
        + "ab".repeat(32)
        + "\",\"deployment\":"
        + deployment
        + "}";
  }

  static String error(String code, String message, String hint) {
    return "{\"error\":{\"code\":\""
        + code
        + "\",\"message\":\""
        + message
        + "\",\"hint\":\""
        + hint
        + "\"}}";
  }
}
