package dev.promptops.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.client.Rendered;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.dotprompt.Dotprompt;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.dotprompt.RenderedPrompt;
import dev.promptops.core.dotprompt.TemplateException;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.registry.Ref;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Print the messages a prompt renders to.",
      "A FILE (a path ending in .prompt) renders locally, with the component files of its"
          + " prompts folder;",
      "a REF renders the registered version on the server, with the component versions it pins.",
      "The same version and variables give the same messages either way."
    })
final class RenderCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(
      paramLabel = "REF|FILE",
      description =
          "name (the default environment), name:ENV (or label), name@VERSION, or a .prompt file")
  private String target;

  @Option(
      names = "--vars",
      paramLabel = "JSON|@FILE",
      description = "the variables (the input object), e.g. '{\"customer\": \"Ann\"}'")
  private String vars;

  @Option(
      names = "--data",
      paramLabel = "JSON|@FILE",
      description =
          "the whole data object: {\"input\", \"context\", \"messages\", \"docs\"}; --vars replaces"
              + " its input")
  private String data;

  RenderCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    RenderData input = RenderInput.data(ctx, data, vars);
    if (target.endsWith(PromptSources.EXTENSION)) {
      print(null, renderFile(ctx.resolve(target), input));
    } else {
      Ref ref = Ref.parse(target);
      String name = project.name();
      try (var client = connection.client()) {
        Rendered r = client.render(name, ref, input);
        print(r, r.prompt());
      }
    }
    return ExitCodes.OK;
  }

  private RenderedPrompt renderFile(Path file, RenderData input) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          "no_such_file",
          "no such file: " + ctx.show(file),
          "check the path (relative to the current folder), or give a REF such as name@3");
    }
    Path promptsDir = project.file().map(ProjectFile::promptsDir).orElse(null);
    var source = new PromptSources(ctx, promptsDir).collect(List.of(file.toString())).getFirst();
    String origin = ctx.show(file);
    var components = new ComponentFiles(ctx, source.base());
    try {
      return Dotprompt.compile(
              PromptFile.parse(source.text(), origin), origin, components.partials())
          .render(input);
    } catch (TemplateException e) {
      var problems = new ArrayList<Problem>(components.problems());
      e.problems().forEach(p -> problems.add(components.relocate(p)));
      throw new TemplateException(e.code(), problems);
    }
  }

  private void print(Rendered r, RenderedPrompt rendered) {
    if (!connection.json()) {
      MessagesText.print(rendered.messages(), ctx.out());
      return;
    }
    ObjectNode root = Json.object();
    if (r != null) {
      root.put("name", r.name());
      root.put("version", r.version());
      root.put("digest", r.digest());
      root.put("resolvedVia", r.resolvedVia());
    }
    root.set("messages", rendered.messages());
    root.set("metadata", rendered.metadata());
    ctx.json(root);
  }
}
