package dev.promptops.cli;

import dev.promptops.core.json.Json;
import dev.promptops.core.registry.Project;
import dev.promptops.core.wire.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "projects",
    mixinStandardHelpOptions = true,
    description = "List the projects your key may read.")
final class ProjectsCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;

  ProjectsCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<Project> projects;
    try (var client = connection.client()) {
      projects = client.projects();
    }
    if (connection.json()) {
      var root = Json.object();
      root.set("projects", Wire.array(projects, Wire::project));
      ctx.json(root);
    } else if (projects.isEmpty()) {
      ctx.println("no projects yet; create one with 'promptops init' and 'promptops sync'");
    } else {
      var t = new Table("NAME", "ENVIRONMENTS", "DESCRIPTION");
      projects.forEach(
          p -> t.row(p.name(), Text.chain(p.environments()), Text.orDash(p.description())));
      t.print(ctx.out());
    }
    return ExitCodes.OK;
  }
}
