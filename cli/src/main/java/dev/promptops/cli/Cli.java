package dev.promptops.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code promptops} command line, runnable in-process: everything it reads from outside (the
 * working directory, the environment) and writes (stdout, stderr) is passed in, and it returns the
 * exit code instead of exiting.
 */
public final class Cli {
  private final Path workDir;
  private final Map<String, String> env;

  public Cli(Path workDir, Map<String, String> env) {
    this.workDir = workDir;
    this.env = Map.copyOf(env);
  }

  /** Runs one command line with an empty standard input; returns its exit code. */
  public int run(PrintWriter out, PrintWriter err, String... args) {
    return run(InputStream.nullInputStream(), out, err, args);
  }

  /** Runs one command line; returns its exit code (see the README's table). */
  public int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
    var ctx = new Context(workDir, env, in, out, err);
    var reporter = new ErrorReporter(ctx);
    var cli =
        new CommandLine(new PromptOpsCommand(), new CommandFactory(ctx))
            .setOut(out)
            .setErr(err)
            .setParameterExceptionHandler(reporter)
            .setExecutionExceptionHandler(reporter);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
