package dev.promptops.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Read, export and check the hash-chained audit log and its signed checkpoints.",
    subcommands = {
      AuditLogCommand.class,
      AuditExportCommand.class,
      AuditVerifyCommand.class,
      AuditKeyCommand.class,
      AuditCheckpointCommand.class
    })
final class AuditCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
