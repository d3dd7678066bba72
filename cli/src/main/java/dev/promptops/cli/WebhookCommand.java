package dev.promptops.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "webhook",
    mixinStandardHelpOptions = true,
    description = {
      "Add, list and remove the webhooks of a project, and read their delivery log (project"
          + " admins).",
      "A webhook's signing secret is shown once, by add; see docs/webhooks.md to verify"
          + " deliveries."
    },
    subcommands = {
      WebhookAddCommand.class,
      WebhookListCommand.class,
      WebhookRemoveCommand.class,
      WebhookDeliveriesCommand.class
    })
final class WebhookCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
