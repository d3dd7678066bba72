package dev.promptops.server.http;

import dev.promptops.core.AccessDeniedException;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.json.Json;
import dev.promptops.server.telemetry.TraceContext;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Dispatches every request through the route table: finds the route (404/405), authenticates the
 * key, checks the route's access rule, runs the handler and writes its reply; every exception is
 * turned into the JSON error format by {@link ErrorMapper}.
 */
public final class Router implements io.helidon.webserver.http.Handler {
  private static final System.Logger LOG = System.getLogger(Router.class.getName());
  private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");

  private final List<Route> routes;
  private final ApiKeys keys;
  private final long maxBodyBytes;
  private final Observer observer;

  /** Takes each answered request: its method, route template, status and time to answer. */
  @FunctionalInterface
  public interface Observer {
    void answered(String method, String route, int status, long nanos);
  }

  public Router(List<Route> routes, ApiKeys keys, long maxBodyBytes) {
    this(routes, keys, maxBodyBytes, (method, route, status, nanos) -> {});
  }

  public Router(List<Route> routes, ApiKeys keys, long maxBodyBytes, Observer observer) {
    this.routes = List.copyOf(routes);
    this.keys = keys;
    this.maxBodyBytes = maxBodyBytes;
    this.observer = observer;
  }

  public List<Route> routes() {
    return routes;
  }

  /**
   * Answers a request in the trace context its {@code traceparent} header gives (spans of what it
   * executes join the caller's trace), and reports it to the observer.
   */
  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    long start = System.nanoTime();
    var matched = new String[] {"unmatched"};
    var context = TraceContext.of(req.headers().first(TRACEPARENT).orElse(null));
    int status = 500;
    TraceContext.Scope scope = TraceContext.enter(context);
    try {
      Reply reply = answer(req, matched);
      status = reply.status();
      write(res, reply);
    } finally {
      scope.close();
      observer.answered(
          req.prologue().method().text(), matched[0], status, System.nanoTime() - start);
    }
  }

  private Reply answer(ServerRequest req, String[] matched) {
    Reply reply;
    try {
      reply = dispatch(req, matched);
    } catch (PromptOpsException e) {
      reply = ErrorMapper.reply(e);
      if (e.kind() == ErrorKind.INTERNAL) {
        LOG.log(System.Logger.Level.ERROR, "request failed: " + describe(req), e);
      }
    } catch (RuntimeException | Error e) {
      String id = UUID.randomUUID().toString().substring(0, 8);
      LOG.log(System.Logger.Level.ERROR, "request failed [" + id + "]: " + describe(req), e);
      reply =
          ErrorMapper.reply(
              500,
              "internal",
              "internal error [" + id + "]: " + e.getClass().getSimpleName(),
              "this is a bug or a storage failure; the server log has the details under " + id);
    }
    return reply;
  }

  private Reply dispatch(ServerRequest req, String[] matched) throws PromptOpsException {
    List<String> segments = segments(req.path().rawPathNoParams());
    String method = req.prologue().method().text();
    boolean pathKnown = false;
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.path().match(segments);
      if (params.isEmpty()) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(method)) {
        matched[0] = route.path().text();
        return invoke(route, params.get(), req);
      }
    }
    if (pathKnown) {
      return ErrorMapper.reply(
              405,
              "method_not_allowed",
              method + " is not allowed on " + req.path().rawPathNoParams(),
              "allowed: " + String.join(", ", allowed(segments)))
          .withHeader("Allow", String.join(", ", allowed(segments)));
    }
    return ErrorMapper.reply(
        404,
        "route_not_found",
        "no route " + method + " " + req.path().rawPathNoParams(),
        "the API lives under /api/v1; see GET /api/v1/openapi.json");
  }

  private Reply invoke(Route route, Map<String, String> params, ServerRequest req) {
    Principal principal = authorize(route, params, req);
    var call =
        new Call(
            principal,
            params,
            query(req),
            name -> req.headers().first(HeaderNames.create(name)),
            () -> readBody(req));
    try {
      return route.handler().handle(call);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Principal authorize(Route route, Map<String, String> params, ServerRequest req) {
    if (route.access() instanceof Access.Public) {
      return null;
    }
    Principal who = keys.authenticate(bearer(req));
    switch (route.access()) {
      case Access.Public p -> {}
      case Access.AnyKey a -> {}
      case Access.ServerAdmin s -> who.requireServerAdmin();
      case Access.InProject p -> who.require(params.get("project"), p.permission());
    }
    return who;
  }

  private static String bearer(ServerRequest req) {
    Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
    if (header.isEmpty()) {
      return null;
    }
    String value = header.get().strip();
    if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw AccessDeniedException.unauthenticated(
          "the Authorization header is not a Bearer token",
          "send 'Authorization: Bearer <api key>'");
    }
    return value.substring(7).strip();
  }

  private byte[] readBody(ServerRequest req) {
    var length = req.headers().contentLength();
    if (length.isPresent() && length.getAsLong() > maxBodyBytes) {
      throw tooLarge(length.getAsLong());
    }
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (bytes.length > maxBodyBytes) {
        throw tooLarge(-1);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body failed", e);
    }
  }

  private PromptOpsException tooLarge(long size) {
    return new PromptOpsException(
        ErrorKind.TOO_LARGE,
        "payload_too_large",
        "the request body"
            + (size >= 0 ? " (" + size + " bytes)" : "")
            + " is larger than the limit of "
            + maxBodyBytes
            + " bytes",
        "send less at once (e.g. push in batches), or start the server with a larger --max-body");
  }

  private List<String> allowed(List<String> segments) {
    var methods = new ArrayList<String>();
    for (Route route : routes) {
      if (route.path().match(segments).isPresent() && !methods.contains(route.method())) {
        methods.add(route.method());
      }
    }
    return methods;
  }

  private static Map<String, List<String>> query(ServerRequest req) {
    var map = new LinkedHashMap<String, List<String>>();
    for (String name : req.query().names()) {
      map.put(name, req.query().all(name));
    }
    return map;
  }

  static List<String> segments(String rawPath) {
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    var out = new ArrayList<String>();
    for (String s : path.split("/", -1)) {
      out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void write(ServerResponse res, Reply reply) {
    res.status(reply.status());
    reply.headers().forEach((name, value) -> res.header(name, value));
    if (reply.stream() != null) {
      res.header(HeaderNames.CONTENT_TYPE, reply.stream().contentType());
      res.header(HeaderNames.CACHE_CONTROL, "no-cache");
      try (OutputStream out = res.outputStream()) {
        reply.stream().writer().accept(out);
      } catch (IOException | UncheckedIOException e) {
        LOG.log(System.Logger.Level.DEBUG, "stream ended early: " + e.getMessage());
      }
      return;
    }
    if (reply.body() == null) {
      res.send();
      return;
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(Json.bytes(reply.body()));
  }

  private static String describe(ServerRequest req) {
    return req.prologue().method().text() + " " + req.path().rawPathNoParams();
  }
}
