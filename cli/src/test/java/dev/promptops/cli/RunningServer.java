package dev.promptops.cli;

import dev.promptops.server.PromptOpsServer;
import dev.promptops.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A real PromptOps server on port 0 over a SQLite file in a temporary folder. */
final class RunningServer implements AutoCloseable {
  static final String ADMIN_KEY = "cli-it-admin-key-0123456789";

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final PromptOpsServer server;

  RunningServer(Path dataDir) {
    this(dataDir, null);
  }

  /** A server whose environment is {@code env} (its providers' fallbacks), or the process's. */
  RunningServer(Path dataDir, java.util.Map<String, String> env) {
    var config =
        new ServerConfig(
            "127.0.0.1", 0, dataDir, null, null, null, ServerConfig.DEFAULT_MAX_BODY, ADMIN_KEY);
    if (env != null) {
      config = config.withEnvironment(env);
    }
    server = PromptOpsServer.start(config, new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  String url() {
    return server.url();
  }

  String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop();
  }
}
