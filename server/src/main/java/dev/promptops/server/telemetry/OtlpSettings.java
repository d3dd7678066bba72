package dev.promptops.server.telemetry;

import dev.promptops.core.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where spans go, from the standard OpenTelemetry environment variables: {@code
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (the full URL) or {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the
 * base, {@code /v1/traces} appended); {@code OTEL_EXPORTER_OTLP_[TRACES_]HEADERS} ({@code
 * k=v,k2=v2}); {@code OTEL_SERVICE_NAME} (default {@code promptops}); {@code
 * OTEL_BSP_SCHEDULE_DELAY} (milliseconds between exports, default 5000); {@code
 * OTEL_TRACES_EXPORTER=none} turns export off. Spans are sent as OTLP/HTTP with JSON bodies, which
 * every collector accepts; {@code OTEL_EXPORTER_OTLP_PROTOCOL} other than {@code http/json} is
 * refused rather than silently ignored.
 */
public record OtlpSettings(
    URI endpoint, Map<String, String> headers, String serviceName, Duration every) {

  /** The settings, or empty when no endpoint is configured (tracing is then off). */
  public static Optional<OtlpSettings> from(Map<String, String> env) {
    if ("none".equalsIgnoreCase(env.getOrDefault("OTEL_TRACES_EXPORTER", "").strip())) {
      return Optional.empty();
    }
    String traces = blankToNull(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
    String base = blankToNull(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    if (traces == null && base == null) {
      return Optional.empty();
    }
    String protocol =
        blankToNull(
            env.getOrDefault(
                "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", env.get("OTEL_EXPORTER_OTLP_PROTOCOL")));
    if (protocol != null && !protocol.equals("http/json")) {
      throw new InvalidInputException(
          "otlp_protocol",
          "OTLP protocol " + protocol + " is not supported: PromptOps exports OTLP/HTTP with JSON",
          "set OTEL_EXPORTER_OTLP_PROTOCOL=http/json (collectors take it on port 4318)");
    }
    String url = traces != null ? traces : base.replaceAll("/+$", "") + "/v1/traces";
    URI endpoint;
    try {
      endpoint = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw badEndpoint(url);
    }
    if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
        || endpoint.getHost() == null) {
      throw badEndpoint(url);
    }
    var headers = new LinkedHashMap<String, String>();
    headers(env.get("OTEL_EXPORTER_OTLP_HEADERS"), headers);
    headers(env.get("OTEL_EXPORTER_OTLP_TRACES_HEADERS"), headers);
    String service = blankToNull(env.get("OTEL_SERVICE_NAME"));
    long delay;
    try {
      delay = Long.parseLong(env.getOrDefault("OTEL_BSP_SCHEDULE_DELAY", "5000").strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "otlp_delay",
          "OTEL_BSP_SCHEDULE_DELAY is not a number of milliseconds: "
              + env.get("OTEL_BSP_SCHEDULE_DELAY"),
          "e.g. OTEL_BSP_SCHEDULE_DELAY=5000");
    }
    return Optional.of(
        new OtlpSettings(
            endpoint,
            Map.copyOf(headers),
            service == null ? "promptops" : service,
            Duration.ofMillis(Math.max(10, delay))));
  }

  private static void headers(String text, Map<String, String> into) {
    if (text == null || text.isBlank()) {
      return;
    }
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException(
            "otlp_headers",
            "OTLP header '" + pair.strip() + "' is not key=value",
            "write OTEL_EXPORTER_OTLP_HEADERS=key1=value1,key2=value2");
      }
      into.put(
          pair.substring(0, eq).strip(),
          java.net.URLDecoder.decode(
              pair.substring(eq + 1).strip(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static InvalidInputException badEndpoint(String url) {
    return new InvalidInputException(
        "otlp_endpoint",
        "not an OTLP endpoint URL: '" + url + "'",
        "e.g. OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
