package dev.promptops.cli;

import dev.promptops.core.wire.Wire;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Create or update the server's project from promptops.yaml.",
      "Creates it if missing (needs a server-admin key), else sets its environment chain."
    })
final class SyncCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  SyncCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ProjectFile file = project.requireFile();
    String name = project.explicit().orElse(file.project());
    try (var client = connection.client()) {
      ProjectSync.Result result = new ProjectSync(client).sync(name, file);
      if (connection.json()) {
        ctx.json(Wire.project(result.project()));
      } else {
        ctx.println(result.describe());
      }
    }
    return ExitCodes.OK;
  }
}
