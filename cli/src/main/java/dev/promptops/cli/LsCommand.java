package dev.promptops.cli;

import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Project;
import dev.promptops.core.registry.PromptSummary;
import dev.promptops.core.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = "List the prompts: newest version, and the version each environment pins.")
final class LsCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  LsCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String name = project.name();
    try (var client = connection.client()) {
      List<PromptSummary> prompts = client.prompts(name);
      if (connection.json()) {
        var root = Json.object();
        root.set("prompts", Wire.array(prompts, Wire::summary));
        ctx.json(root);
      } else if (prompts.isEmpty()) {
        ctx.println("no prompts in project " + name + " yet; register some with 'promptops push'");
      } else {
        table(client.project(name), prompts).print(ctx.out());
      }
    }
    return ExitCodes.OK;
  }

  /** One row per prompt; a column per environment in chain order; other labels at the end. */
  static Table table(Project project, List<PromptSummary> prompts) {
    var header = new ArrayList<String>(List.of("NAME", "LATEST"));
    project.environments().forEach(e -> header.add(e.toUpperCase(java.util.Locale.ROOT)));
    header.add("LABELS");
    var table = new Table(header.toArray(String[]::new));
    for (PromptSummary p : prompts) {
      var row = new ArrayList<String>(List.of(p.name(), "v" + p.latestVersion()));
      for (String env : project.environments()) {
        Integer v = p.pins().get(env);
        row.add(v == null ? "-" : "v" + v);
      }
      var labels = new ArrayList<String>();
      new TreeMap<>(p.pins())
          .forEach(
              (target, v) -> {
                if (!project.hasEnvironment(target) && !"latest".equals(target)) {
                  labels.add(target + "=v" + v);
                }
              });
      row.add(labels.isEmpty() ? "-" : String.join(",", labels));
      table.row(row);
    }
    return table;
  }
}
