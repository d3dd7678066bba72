package dev.promptops.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "provider",
    mixinStandardHelpOptions = true,
    description = {
      "Add, list, show and remove the model providers of a project and their API keys.",
      "API keys are encrypted by the server and never shown again; they never go on the command"
          + " line (shell history): give them with --api-key-env VAR or --api-key-stdin."
    },
    subcommands = {
      ProviderAddCommand.class,
      ProviderListCommand.class,
      ProviderShowCommand.class,
      ProviderRemoveCommand.class
    })
final class ProviderCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
