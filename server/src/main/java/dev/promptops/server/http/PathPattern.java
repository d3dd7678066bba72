package dev.promptops.server.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route path such as {@code /api/v1/projects/{project}/prompts/{name+}/-/history}. {@code {x}}
 * matches one segment; {@code {x+}} matches one or more segments joined by {@code /}, never the
 * separator segment {@code -} (prompt names contain {@code /}, actions follow {@code /-/}).
 */
public final class PathPattern {
  private final String text;
  private final List<String> parts;

  private PathPattern(String text, List<String> parts) {
    this.text = text;
    this.parts = parts;
  }

  public static PathPattern of(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("a path pattern starts with '/': " + text);
    }
    return new PathPattern(text, List.of(text.substring(1).split("/")));
  }

  public String text() {
    return text;
  }

  /** The names of the parameters, in order. */
  public List<String> parameters() {
    var names = new ArrayList<String>();
    for (String p : parts) {
      if (isParam(p)) {
        names.add(paramName(p));
      }
    }
    return names;
  }

  /** The parameters of a matching path, decoded; empty when the path does not match. */
  public Optional<Map<String, String>> match(List<String> segments) {
    var params = new LinkedHashMap<String, String>();
    return match(0, segments, 0, params) ? Optional.of(params) : Optional.empty();
  }

  private boolean match(int pi, List<String> segs, int si, Map<String, String> params) {
    if (pi == parts.size()) {
      return si == segs.size();
    }
    if (si >= segs.size()) {
      return false;
    }
    String part = parts.get(pi);
    if (!isParam(part)) {
      return part.equals(segs.get(si)) && match(pi + 1, segs, si + 1, params);
    }
    String seg = segs.get(si);
    if (seg.isEmpty() || seg.equals("-")) {
      return false;
    }
    if (!part.endsWith("+}")) {
      params.put(paramName(part), seg);
      return match(pi + 1, segs, si + 1, params) || remove(params, part);
    }
    for (int end = si + 1; end <= segs.size(); end++) {
      String last = segs.get(end - 1);
      if (last.isEmpty() || last.equals("-")) {
        break;
      }
      params.put(paramName(part), String.join("/", segs.subList(si, end)));
      if (match(pi + 1, segs, end, params)) {
        return true;
      }
    }
    return remove(params, part);
  }

  private static boolean remove(Map<String, String> params, String part) {
    params.remove(paramName(part));
    return false;
  }

  private static boolean isParam(String part) {
    return part.startsWith("{") && part.endsWith("}");
  }

  private static String paramName(String part) {
    String inner = part.substring(1, part.length() - 1);
    return inner.endsWith("+") ? inner.substring(0, inner.length() - 1) : inner;
  }

  @Override
  public String toString() {
    return text;
  }
}
