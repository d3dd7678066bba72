package dev.promptops.server.console;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's static files: its own stylesheet and script, htmx and Chart.js from their webjars
 * (versions from the build). Read once from the class path, then served from memory, cached by
 * browsers for a day.
 */
final class Assets {
  private record Asset(String resource, String contentType) {}

  private final Map<String, Asset> known;
  private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

  Assets() {
    Properties versions = new Properties();
    try (InputStream in = Assets.class.getResourceAsStream("webjars.properties")) {
      if (in == null) {
        throw new IllegalStateException("webjars.properties is missing beside Assets");
      }
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String js = "text/javascript; charset=utf-8";
    known =
        Map.of(
            "console.css",
            new Asset("dev/promptops/server/console/assets/console.css", "text/css; charset=utf-8"),
            "console.js",
            new Asset("dev/promptops/server/console/assets/console.js", js),
            "htmx.min.js",
            new Asset(
                "META-INF/resources/webjars/htmx.org/"
                    + versions.getProperty("htmx")
                    + "/dist/htmx.min.js",
                js),
            "chart.umd.js",
            new Asset(
                "META-INF/resources/webjars/chart.js/"
                    + versions.getProperty("chartjs")
                    + "/dist/chart.umd.js",
                js));
  }

  void serve(String name, ServerResponse res) {
    Asset asset = known.get(name);
    byte[] bytes = asset == null ? null : loaded.computeIfAbsent(name, n -> read(asset));
    Console.securityHeaders(res);
    if (bytes == null) {
      res.status(404);
      res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
      res.send(
          ("no console asset '" + name + "'").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
    res.header(HeaderNames.CACHE_CONTROL, "public, max-age=86400");
    res.send(bytes);
  }

  private static byte[] read(Asset asset) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(asset.resource())) {
      if (in == null) {
        throw new IllegalStateException(
            "the console asset " + asset.resource() + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
