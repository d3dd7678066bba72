package dev.promptops.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "unpin",
    mixinStandardHelpOptions = true,
    description = "Remove a free label (such as canary) from a prompt.")
final class UnpinCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;
  @Mixin private MoveOptions move;

  @Parameters(paramLabel = "NAME", description = "the prompt, e.g. support/reply")
  private String prompt;

  @Option(names = "--label", required = true, paramLabel = "LABEL", description = "the label")
  private String label;

  UnpinCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return move.run(
        ctx,
        connection,
        project,
        prompt,
        label,
        (client, name, expected, reason) -> client.unpin(name, prompt, label, expected, reason));
  }
}
