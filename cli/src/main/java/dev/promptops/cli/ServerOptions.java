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
      paramLabel = "SECONDS",
      description = "how long to wait for each answer (default 30; for run, 600)")
  private Integer timeoutSeconds;

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
    if (timeoutSeconds != null) {
      if (timeoutSeconds < 1) {
        throw new InvalidInputException(
            "invalid_timeout",
            "--timeout must be at least 1 second: " + timeoutSeconds,
            "pass a number of seconds, e.g. --timeout 60");
      }
      builder.requestTimeout(Duration.ofSeconds(timeoutSeconds));
      builder.runTimeout(Duration.ofSeconds(timeoutSeconds));
    }
    return builder.build();
  }
}
