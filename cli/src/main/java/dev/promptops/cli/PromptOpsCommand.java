package dev.promptops.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "promptops",
    mixinStandardHelpOptions = true,
    versionProvider = PromptOpsCommand.Version.class,
    description = "Version, lint, render, run, deploy and audit LLM prompts.",
    commandListHeading = "%nCommands:%n",
    subcommands = {
      ServerCommand.class,
      QuickstartCommand.class,
      MockLlmCommand.class,
      InitCommand.class,
      SyncCommand.class,
      LintCommand.class,
      RenderCommand.class,
      RunCommand.class,
      EvalCommand.class,
      PushCommand.class,
      LsCommand.class,
      ShowCommand.class,
      HistoryCommand.class,
      DiffCommand.class,
      ImpactCommand.class,
      DeployCommand.class,
      PromoteCommand.class,
      RollbackCommand.class,
      ChangeCommand.class,
      UnpinCommand.class,
      AuditCommand.class,
      ProjectsCommand.class,
      WhoamiCommand.class,
      KeysCommand.class,
      ProviderCommand.class,
      WebhookCommand.class,
      DriftCommand.class,
      ExportCommand.class,
      WarmUpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a check failed (lint found errors, audit verify found a broken chain, a truncated tail or a bad checkpoint, a run's output does not fit its schema, an eval gate failed)",
      "2:usage error: bad arguments, or a request the server rejected",
      "3:server or network error"
    })
final class PromptOpsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PromptOpsCommand.class.getPackage().getImplementationVersion();
      return new String[] {"promptops " + (v == null ? "(development build)" : v)};
    }
  }
}
