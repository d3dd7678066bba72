package dev.promptops.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Move an environment back to an earlier version.",
      "--to VERSION, or by default the version it pinned before the current one. A rollback is a"
          + " deployment like any other."
    })
final class RollbackCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;
  @Mixin private MoveOptions move;
  @Mixin private Convergence convergence;

  @Parameters(paramLabel = "NAME", description = "the prompt, e.g. support/reply")
  private String prompt;

  @Option(names = "--env", required = true, paramLabel = "ENV", description = "the environment")
  private String env;

  @Option(names = "--to", paramLabel = "VERSION", description = "the version to go back to")
  private Integer toVersion;

  RollbackCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return move.run(
        ctx,
        connection,
        project,
        prompt,
        env,
        (client, name, expected, reason) ->
            client.rollback(name, prompt, env, toVersion, expected, reason),
        convergence);
  }
}
