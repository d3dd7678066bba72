package dev.promptops.cli;

import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.InvalidInputException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How to reach the server: shared by every command that calls it. */
final class ServerOptions {
  static final String DEFAULT_URL = "http://127.0.0.1:7070";

  private final Context ctx;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "server base URL (env PROMPTOPS_URL; default " + DEFAULT_URL + ")")
  private String server;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "API key sent as a bearer token (env PROMPTOPS_API_KEY)")
  private String apiKey;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description =
          "how long to wait for each answer, in seconds or as 90s, 2m (default 30; for run, 600);"
              + " with --wait-confirmed, also how long to wait for the confirmation (default 2m)")
  private String timeout;

  /** {@code --timeout}: a number of seconds, or a duration such as {@code 90s} or {@code 2m}. */
  java.util.Optional<Duration> timeout() {
    if (timeout == null) {
      return java.util.Optional.empty();
    }
    Duration d =
        timeout.strip().matches("\\d{1,9}")
            ? Duration.ofSeconds(Long.parseLong(timeout.strip()))
            : dev.promptops.core.drift.DriftSettings.parse(timeout, "--timeout");
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidInputException(
          "invalid_timeout",
          "--timeout must be at least 1 second: " + timeout,
          "pass a number of seconds or a duration, e.g. --timeout 60 or --timeout 2m");
    }
    return java.util.Optional.of(d);
  }

  ServerOptions(Context ctx) {
    this.ctx = ctx;
  }

  String server() {
    if (server != null) {
      return server;
    }
    String env = ctx.env("PROMPTOPS_URL");
    return env != null ? env : DEFAULT_URL;
  }

  /** Whether a server was named (flag or environment), as opposed to the default URL. */
  boolean named() {
    return server != null || ctx.env("PROMPTOPS_URL") != null;
  }

  /** A client for the server; close it when done. */
  PromptOpsClient client() {
    var builder =
        PromptOpsClient.builder(server())
            .apiKey(apiKey != null ? apiKey : ctx.env("PROMPTOPS_API_KEY"));
    timeout()
        .ifPresent(
            t -> {
              builder.requestTimeout(t);
              builder.runTimeout(t);
            });
    return builder.build();
  }
}
