package dev.promptops.cli;

import dev.promptops.core.InvalidInputException;
import dev.promptops.providers.mock.MockLlmServer;
import dev.promptops.providers.mock.MockProtocol;
import dev.promptops.server.PromptOpsServer;
import dev.promptops.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code promptops quickstart}: a server on an embedded database with the mock LLM as its models,
 * loaded with the example project ({@code examples/shop}, unpacked beside it): its prompts pushed,
 * its policies applied, a version deployed to staging through a change request (its smoke suite
 * running on the server), a change request for production waiting for approval, an eval run. Then
 * it keeps serving until Ctrl-C, and prints the commands to look around.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Start PromptOps with the mock LLM and the example project loaded (prompts, versions,",
      "environments, an eval run, a deployment), then keep serving until Ctrl-C."
    })
final class QuickstartCommand implements Callable<Integer> {
  /** The files of examples/shop, as packaged in the jar (ExampleRepositoryIT checks the list). */
  static final List<String> EXAMPLE_FILES =
      List.of(
          ".github/workflows/pull-request.yml",
          ".github/workflows/release.yml",
          "README.md",
          "evals/cases/support.csv",
          "evals/smoke.yaml",
          "evals/support.yaml",
          "promptops.yaml",
          "prompts/_signature.prompt",
          "prompts/hello.prompt",
          "prompts/support/reply.prompt");

  private final Context ctx;

  @Option(names = "--port", paramLabel = "PORT", description = "default 7070; 0 picks a free one")
  private int port = ServerConfig.DEFAULT_PORT;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "where the data and the example go (default ./promptops-quickstart)")
  private String dir = "promptops-quickstart";

  @Option(names = "--exit", description = "load everything, then stop instead of serving")
  private boolean exit;

  QuickstartCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    Path root = ctx.resolve(dir);
    Path repo = root.resolve("shop");
    unpack(repo);
    String adminKey = adminKey(root.resolve("admin.key"));
    try (MockLlmServer mock = MockLlmServer.start()) {
      var env = new LinkedHashMap<>(ctx.env());
      env.put("OPENAI_BASE_URL", mock.baseUrl(MockProtocol.OPENAI));
      env.put("OPENAI_API_KEY", "quickstart-mock-key");
      var config =
          new ServerConfig(
              "127.0.0.1",
              port,
              root.resolve("data"),
              null,
              null,
              null,
              ServerConfig.DEFAULT_MAX_BODY,
              adminKey,
              env);
      var console = new ByteArrayOutputStream();
      PromptOpsServer server =
          PromptOpsServer.start(config, new PrintStream(console, true, StandardCharsets.UTF_8));
      try {
        env.put("PROMPTOPS_URL", server.url());
        env.put("PROMPTOPS_API_KEY", adminKey);
        env.remove("PROMPTOPS_PROJECT");
        var cli = new Cli(repo, env);
        ctx.println("PromptOps quickstart: " + server.url() + " (data in " + root + ")");
        ctx.println("models: the mock LLM at " + mock.baseUrl(MockProtocol.OPENAI));
        ctx.println("");
        step(cli, "promptops sync", "sync", "--message", "quickstart");
        step(
            cli,
            "promptops change open support/reply:latest --env staging --auto-merge",
            "change",
            "open",
            "support/reply:latest",
            "--env",
            "staging",
            "--auto-merge",
            "-m",
            "quickstart: to staging");
        step(
            cli,
            "promptops change open support/reply:latest --env production",
            "change",
            "open",
            "support/reply:latest",
            "--env",
            "production",
            "-m",
            "quickstart: to production");
        step(
            cli,
            "promptops eval evals/support.yaml",
            "eval",
            "evals/support.yaml",
            "--no-progress-bar");
        step(cli, "promptops ls", "ls");
        ctx.println("Look around in the web console: " + server.url() + "/console");
        ctx.println("  (sign in with the key " + adminKey + ")");
        ctx.println("or in another terminal:");
        ctx.println("  export PROMPTOPS_URL=" + server.url() + " PROMPTOPS_API_KEY=" + adminKey);
        ctx.println("  cd " + repo);
        ctx.println("  promptops history support/reply      # the deployment ledger");
        ctx.println("  promptops change show 2              # what production still waits for");
        ctx.println("  promptops audit log                  # who did what, when and why");
        ctx.println("  curl -H \"Authorization: Bearer $PROMPTOPS_API_KEY\" \\");
        ctx.println(
            "    " + server.url() + "/api/v1/projects/shop/prompts/support/reply?env=staging");
        if (exit) {
          return ExitCodes.OK;
        }
        ctx.println("");
        ctx.println("Serving until Ctrl-C.");
        ctx.out().flush();
        Thread hook = new Thread(server::stop, "promptops-quickstart-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        server.awaitStop();
        return ExitCodes.OK;
      } finally {
        server.stop();
      }
    }
  }

  /** Runs one command of the walk-through, showing it and what it printed; stops on a failure. */
  private void step(Cli cli, String shown, String... args) {
    ctx.println("$ " + shown);
    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();
    int code =
        cli.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), args);
    ctx.out().print(out);
    if (code != ExitCodes.OK) {
      ctx.err().print(err);
      throw new InvalidInputException(
          "quickstart_failed",
          "'" + shown + "' failed (exit " + code + ")",
          "remove " + ctx.resolve(dir) + " to start over");
    }
    ctx.println("");
  }

  /** The example project, unpacked from the jar the first time. */
  private static void unpack(Path repo) throws IOException {
    if (Files.exists(repo.resolve("promptops.yaml"))) {
      return;
    }
    for (String file : EXAMPLE_FILES) {
      Path target = repo.resolve(file);
      Files.createDirectories(target.getParent());
      try (InputStream in = QuickstartCommand.class.getResourceAsStream("examples/shop/" + file)) {
        if (in == null) {
          throw new IllegalStateException("the jar lacks examples/shop/" + file + ": rebuild it");
        }
        Files.copy(in, target);
      }
    }
  }

  /** The admin key of the quickstart's server: made once, kept beside its data. */
  private static String adminKey(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      String key = "po_quickstart_" + HexFormat.of().formatHex(bytes);
      Files.createDirectories(file.getParent());
      Files.writeString(file, key + "\n");
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the quickstart's admin key in " + file, e);
    }
  }
}
