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
      com.fasterxml.jackson.databind.JsonNode policies =
          file.policies() == null
              ? null
              : client.setPolicies(name, file.policies(), "promptops sync of " + file.path());
      if (connection.json()) {
        var body = Wire.project(result.project());
        if (policies != null) {
          body.set("policies", policies);
        }
        ctx.json(body);
      } else {
        ctx.println(result.describe());
        if (policies != null) {
          ctx.println(
              policies.path("changed").asBoolean()
                  ? "policies: version " + policies.path("version").asInt() + " applied"
                  : "policies are up to date (version " + policies.path("version").asInt() + ")");
        }
      }
    }
    return ExitCodes.OK;
  }
}
