package dev.promptops.core.dotprompt;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;
import java.util.Objects;

/** The Dotprompt helpers, on Handlebars.java. Marker helpers write this render's markers. */
final class Helpers {
  /** The context data key under which a render keeps its {@link Messages} markers. */
  static final String MARKERS = "__promptops_markers";

  private Helpers() {}

  static void register(Handlebars handlebars) {
    handlebars.registerHelper("role", (Helper<Object>) (ctx, o) -> markers(o).role(text(ctx)));
    handlebars.registerHelper("history", (Helper<Object>) (ctx, o) -> markers(o).history());
    handlebars.registerHelper(
        "section", (Helper<Object>) (ctx, o) -> markers(o).section(text(ctx)));
    handlebars.registerHelper(
        "media",
        (Helper<Object>)
            (ctx, o) -> {
              Object contentType = o.hash("contentType");
              return markers(o)
                  .media(text(o.hash("url")), contentType == null ? null : text(contentType));
            });
    handlebars.registerHelper(
        "json",
        (Helper<Object>)
            (ctx, o) -> {
              Object indent = o.hash("indent");
              int n = indent instanceof Number num ? num.intValue() : 0;
              return JsValues.stringify(ctx, n);
            });
    handlebars.registerHelper(
        "ifEquals",
        (Helper<Object>) (ctx, o) -> strictEquals(ctx, o.param(0, null)) ? o.fn() : o.inverse());
    handlebars.registerHelper(
        "unlessEquals",
        (Helper<Object>) (ctx, o) -> strictEquals(ctx, o.param(0, null)) ? o.inverse() : o.fn());
  }

  private static Messages markers(Options options) {
    Messages markers = options.data(MARKERS);
    return Objects.requireNonNull(markers, "render markers");
  }

  /** JavaScript's {@code String(value)} for what a helper prints. */
  private static String text(Object value) {
    return value == null ? "undefined" : value.toString();
  }

  /** JavaScript's {@code ===} on template data. */
  static boolean strictEquals(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof JsValues.JsObject || a instanceof JsValues.JsArray) {
      return a == b;
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }
}
