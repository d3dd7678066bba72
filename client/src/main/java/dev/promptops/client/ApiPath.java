package dev.promptops.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a request path under {@code /api/v1}: segments are percent-encoded one by one, a prompt
 * name keeps its {@code /} separators, actions on a prompt follow {@code /-/}, and query parameters
 * with a null value are left out.
 */
final class ApiPath {
  private final StringBuilder path;
  private final List<String> query = new ArrayList<>();

  private ApiPath(String prefix) {
    this.path = new StringBuilder(prefix);
  }

  /** {@code /healthz}, the one route outside {@code /api/v1}. */
  static ApiPath healthz() {
    return new ApiPath("/healthz");
  }

  static ApiPath of(String... segments) {
    ApiPath p = new ApiPath("/api/v1");
    for (String s : segments) {
      p.segment(s);
    }
    return p;
  }

  /** {@code /projects/{project}/prompts/{name}}: the root of every route on one prompt. */
  static ApiPath prompt(String project, String name) {
    return of("projects", project, "prompts").name(name);
  }

  ApiPath segment(String s) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException("empty path segment in " + path);
    }
    path.append('/').append(encode(s));
    return this;
  }

  /** A prompt name: each {@code /}-separated part encoded, the separators kept. */
  ApiPath name(String name) {
    for (String part : name.split("/", -1)) {
      segment(part);
    }
    return this;
  }

  /** An action on a prompt, after the {@code /-/} separator. */
  ApiPath action(String... segments) {
    path.append("/-");
    for (String s : segments) {
      segment(s);
    }
    return this;
  }

  ApiPath query(String key, Object value) {
    if (value != null) {
      query.add(key + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
    }
    return this;
  }

  @Override
  public String toString() {
    return query.isEmpty() ? path.toString() : path + "?" + String.join("&", query);
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
