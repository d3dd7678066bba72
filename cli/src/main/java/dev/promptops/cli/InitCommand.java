package dev.promptops.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Scaffold an example project: promptops.yaml, prompts/, evals/.")
final class InitCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(
      arity = "0..1",
      paramLabel = "DIR",
      description = "the project folder (default: the current folder); created if missing")
  private String dir;

  @Option(
      names = "--project",
      paramLabel = "NAME",
      description = "the project's name (default: the folder's name, made valid)")
  private String project;

  InitCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path target = dir == null ? ctx.workDir() : ctx.resolve(dir);
    String name = project != null ? project : Scaffold.projectName(target);
    for (Path file : Scaffold.create(target, name)) {
      ctx.println("created " + ctx.show(file));
    }
    ctx.println("");
    ctx.println("project '" + name + "' is ready. Next:");
    String cd = target.equals(ctx.workDir()) ? "" : "cd " + ctx.show(target) + " && ";
    ctx.println("  " + cd + "promptops lint    check the prompts locally, no server needed");
    ctx.println("  promptops server          start a server (in another terminal)");
    ctx.println("  export PROMPTOPS_API_KEY=<the admin key the server printed on first start>");
    ctx.println("  " + cd + "promptops push    register the prompts as version 1");
    return ExitCodes.OK;
  }
}
