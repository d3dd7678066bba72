package dev.promptops.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = "Pin one environment's version to another, e.g. staging to production.")
final class PromoteCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;
  @Mixin private MoveOptions move;
  @Mixin private Convergence convergence;

  @Parameters(paramLabel = "NAME", description = "the prompt, e.g. support/reply")
  private String prompt;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "ENV",
      description = "where the version is pinned now")
  private String from;

  @Option(names = "--to", required = true, paramLabel = "ENV", description = "where to pin it")
  private String to;

  PromoteCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return move.run(
        ctx,
        connection,
        project,
        prompt,
        to,
        (client, name, expected, reason) ->
            client.promote(name, prompt, from, to, expected, reason),
        convergence);
  }
}
