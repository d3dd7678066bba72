package dev.promptops.cli;

import dev.promptops.core.InvalidInputException;
import dev.promptops.server.PromptOpsServer;
import dev.promptops.server.ServerConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Start the platform.",
      "The HTTP API on an embedded SQLite database, or on PostgreSQL with --db.",
      "On an empty database it creates the first admin key (PROMPTOPS_ADMIN_KEY, else a random"
          + " one) and prints it once."
    })
final class ServerCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(names = "--port", paramLabel = "PORT", description = "default 7070; 0 picks a free one")
  private int port = ServerConfig.DEFAULT_PORT;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "address to listen on (default 127.0.0.1)")
  private String host = "127.0.0.1";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "folder of the embedded database (env PROMPTOPS_DATA; default ~/.promptops)")
  private String data;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "a jdbc:postgresql: or jdbc:sqlite: URL instead of the embedded database (env"
              + " PROMPTOPS_DB_URL)")
  private String jdbcUrl;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      description = "database user (env PROMPTOPS_DB_USER)")
  private String dbUser;

  @Option(
      names = "--db-password",
      paramLabel = "PASSWORD",
      description = "database password (env PROMPTOPS_DB_PASSWORD, which keeps it out of ps)")
  private String dbPassword;

  @Option(
      names = "--max-body",
      paramLabel = "BYTES",
      description = "largest request body accepted (default 4194304)")
  private long maxBody = ServerConfig.DEFAULT_MAX_BODY;

  ServerCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = config();
    Logging.server();
    var out = new PrintStream(new WriterOutputStream(ctx.out()), true, StandardCharsets.UTF_8);
    PromptOpsServer server = PromptOpsServer.start(config, out);
    // Logging may already be shut down when this hook runs, so it reports on stderr itself.
    Thread hook =
        new Thread(
            () -> {
              server.stop();
              ctx.err().println("PromptOps stopped");
              ctx.err().flush();
            },
            "promptops-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      server.awaitStop();
    } finally {
      server.stop();
      removeHook(hook);
    }
    return ExitCodes.OK;
  }

  /** The server's configuration from the options and the environment. */
  ServerConfig config() {
    try {
      return new ServerConfig(
          host,
          port,
          dataDir(),
          jdbcUrl != null ? jdbcUrl : ctx.env("PROMPTOPS_DB_URL"),
          dbUser != null ? dbUser : ctx.env("PROMPTOPS_DB_USER"),
          dbPassword != null ? dbPassword : ctx.env("PROMPTOPS_DB_PASSWORD"),
          maxBody,
          ctx.env("PROMPTOPS_ADMIN_KEY"),
          ctx.env());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "invalid_server_option", e.getMessage(), "see 'promptops server --help'");
    }
  }

  private Path dataDir() {
    if (data != null) {
      return ctx.resolve(data);
    }
    String env = ctx.env("PROMPTOPS_DATA");
    return env != null ? ctx.resolve(env) : ctx.home().resolve(".promptops");
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down, and the hook is what stopped the server
    }
  }
}
