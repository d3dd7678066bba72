package dev.promptops.cli;

import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.registry.Deployment;
import dev.promptops.core.wire.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Show the deployments of a prompt, newest first.")
final class HistoryCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(paramLabel = "NAME", description = "the prompt, e.g. support/reply")
  private String prompt;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  private TargetOption target;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "at most N deployments (default 100, at most 1000)")
  private Integer limit;

  HistoryCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Names.prompt(prompt);
    String name = project.name();
    try (var client = connection.client()) {
      List<Deployment> deployments =
          client.history(name, prompt, target == null ? null : target.selector(), limit);
      if (connection.json()) {
        var root = Json.object();
        root.set("deployments", Wire.array(deployments, Wire::deployment));
        ctx.json(root);
      } else if (deployments.isEmpty()) {
        ctx.println(
            "no deployments of "
                + prompt
                + (target == null ? "" : " at " + target.name())
                + " yet");
      } else {
        table(deployments).print(ctx.out());
      }
    }
    return ExitCodes.OK;
  }

  static Table table(List<Deployment> deployments) {
    var t = new Table("ID", "AT", "TARGET", "KIND", "CHANGE", "ACTOR", "REASON");
    for (Deployment d : deployments) {
      t.row(
          "#" + d.id(),
          Text.time(d.at()),
          d.target(),
          d.kind().wireName(),
          Text.version(d.fromVersion()) + " -> " + Text.version(d.toVersion()),
          d.actor(),
          Text.orDash(d.reason()));
    }
    return t;
  }
}
