package dev.promptops.cli;

import dev.promptops.client.PromptOpsClient;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to reach the server and how to print: shared by every command that calls the server. */
final class ConnectionOptions {
  static final String DEFAULT_URL = ServerOptions.DEFAULT_URL;

  @Mixin private ServerOptions server;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      converter = OutputFormat.class,
      description = "text for people (default), or json: the API's JSON answer")
  private String output;

  String server() {
    return server.server();
  }

  /** True for {@code --output json}; false for text, the default. */
  boolean json() {
    return "json".equals(output);
  }

  /** Accepts {@code text} and {@code json} only, so a typo fails before any request. */
  static final class OutputFormat implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.equals("text") || value.equals("json")) {
        return value;
      }
      throw new CommandLine.TypeConversionException("expected text or json, not '" + value + "'");
    }
  }

  /** {@code --timeout}, when given. */
  java.util.Optional<java.time.Duration> timeout() {
    return server.timeout();
  }

  /** A client for the server; close it when done. */
  PromptOpsClient client() {
    return server.client();
  }
}
