package dev.promptops.server.http;

import java.util.Objects;

/**
 * One entry of the route table: method, path pattern, who may call it, and the handler. The table
 * is the single source the router, the OpenAPI sync test and the permission test read.
 */
public record Route(
    String method, PathPattern path, Access access, String summary, Handler handler) {
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(handler, "handler");
  }

  public static Route get(String path, Access access, String summary, Handler handler) {
    return new Route("GET", PathPattern.of(path), access, summary, handler);
  }

  public static Route post(String path, Access access, String summary, Handler handler) {
    return new Route("POST", PathPattern.of(path), access, summary, handler);
  }

  public static Route put(String path, Access access, String summary, Handler handler) {
    return new Route("PUT", PathPattern.of(path), access, summary, handler);
  }

  public static Route patch(String path, Access access, String summary, Handler handler) {
    return new Route("PATCH", PathPattern.of(path), access, summary, handler);
  }

  public static Route delete(String path, Access access, String summary, Handler handler) {
    return new Route("DELETE", PathPattern.of(path), access, summary, handler);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
