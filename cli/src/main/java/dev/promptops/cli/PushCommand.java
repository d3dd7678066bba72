package dev.promptops.cli;

import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.dotprompt.TemplateException;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.PushResult;
import dev.promptops.core.wire.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
          + " is support/reply.",
      "Each new version pins the components (_*.prompt) it includes: the version pushed with it,"
          + " else the newest.",
      "The server lints every file first; any error refuses the whole push and every problem is"
          + " listed (exit 2)."
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
      var files = new HashMap<String, String>();
      sources.forEach(s -> files.put(s.name(), ctx.show(s.path())));
      List<PushResult> results;
      try {
        results =
            client.push(name, sources.stream().map(PromptSources.Source::item).toList(), message);
      } catch (PromptOpsException e) {
        throw inFiles(e, files);
      }
      print(results, files);
    }
    return ExitCodes.OK;
  }

  private void print(List<PushResult> results, Map<String, String> files) {
    if (connection.json()) {
      var root = Json.object();
      root.set("results", Wire.array(results, Wire::pushResult));
      ctx.json(root);
      return;
    }
    for (PushResult r : results) {
      ctx.println(r.describe());
      r.warnings().forEach(w -> Problems.print(ctx.out(), inFile(w, files), "  "));
    }
  }

  /** A refused push with its problems named by the files pushed, not by prompt names. */
  static PromptOpsException inFiles(PromptOpsException e, Map<String, String> files) {
    List<Problem> problems = PromptOpsClient.problems(e);
    if (problems.isEmpty()) {
      return e;
    }
    return new TemplateException(e.code(), problems.stream().map(p -> inFile(p, files)).toList());
  }

  /**
   * The problem with its file for origin: {@code support/reply} is the file pushed as that prompt,
   * {@code support/_footer} (also inside a partial) the file of that component.
   */
  static Problem inFile(Problem p, Map<String, String> files) {
    String file = files.get(p.origin());
    if (file == null) {
      return p;
    }
    return new Problem(
        p.severity(), p.code(), file, p.line(), p.column(), p.variable(), p.message(), p.hint());
  }
}
