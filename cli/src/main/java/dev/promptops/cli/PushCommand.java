package dev.promptops.cli;

import dev.promptops.core.json.Json;
import dev.promptops.core.registry.PushResult;
import dev.promptops.core.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Register new versions of .prompt files (identical content: no new version).",
      "All files go in one request: all of them are registered, or none.",
      "A prompt's name is its path below prompts/ without .prompt: prompts/support/reply.prompt"
          + " is support/reply."
    })
final class PushCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(
      paramLabel = "PATH",
      description =
          "files or folders (searched recursively); default: prompts/ beside promptops.yaml")
  private List<String> paths = new ArrayList<>();

  @Option(names = "--message", paramLabel = "TEXT", description = "why these versions exist")
  private String message;

  PushCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ProjectFile file = project.file().orElse(null);
    String name = project.name();
    var sources = new PromptSources(ctx, file == null ? null : file.promptsDir()).collect(paths);
    try (var client = connection.client()) {
      ProjectFile syncFrom = file != null && file.project().equals(name) ? file : null;
      new ProjectSync(client)
          .createIfMissing(name, syncFrom)
          .ifPresent(r -> (connection.json() ? ctx.err() : ctx.out()).println(r.describe()));
      List<PushResult> results =
          client.push(name, sources.stream().map(PromptSources.Source::item).toList(), message);
      print(results);
    }
    return ExitCodes.OK;
  }

  private void print(List<PushResult> results) {
    if (connection.json()) {
      var root = Json.object();
      root.set("results", Wire.array(results, Wire::pushResult));
      ctx.json(root);
    } else {
      results.forEach(r -> ctx.println(r.describe()));
    }
  }
}
