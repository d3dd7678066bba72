package dev.promptops.cli;

import dev.promptops.core.provider.ProviderInfo;
import dev.promptops.core.wire.ProviderWire;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "remove",
    mixinStandardHelpOptions = true,
    description = "Remove a provider and its stored API key from the project (project admins).")
final class ProviderRemoveCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(paramLabel = "NAME", description = "the provider, e.g. openai")
  private String name;

  ProviderRemoveCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ProviderInfo removed;
    try (var client = connection.client()) {
      removed = client.removeProvider(project.name(), name);
    }
    if (connection.json()) {
      ctx.json(ProviderWire.provider(removed));
    } else {
      ctx.println(
          "removed provider "
              + removed.name()
              + " from project "
              + removed.project()
              + (removed.hasSecret() ? ", with its stored API key" : ""));
    }
    return ExitCodes.OK;
  }
}
