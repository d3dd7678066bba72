package dev.promptops.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.json.Json;
import dev.promptops.core.wire.Wire;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Check .prompt files locally, without a server: syntax, helpers, partials, schemas, and",
      "variables (used but not declared in the input schema: error; declared, never used:"
          + " warning).",
      "Partials come from the component files of the prompts folder: {{> footer}} is"
          + " _footer.prompt, {{> support/footer}} is support/_footer.prompt.",
      "Exit 1 when there are errors; warnings alone exit 0."
    })
final class LintCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(
      paramLabel = "PATH",
      description =
          "files or folders (searched recursively); default: prompts/ beside promptops.yaml")
  private List<String> paths = new ArrayList<>();

  @Option(
      names = "--output",
      paramLabel = "text|json",
      converter = ConnectionOptions.OutputFormat.class,
      description =
          "text (default): one line per problem, as compilers print them; json:"
              + " {\"files\",\"errors\",\"warnings\",\"problems\"}")
  private String output;

  LintCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path promptsDir =
        ProjectFile.find(ctx.workDir())
            .map(ProjectFile::read)
            .map(ProjectFile::promptsDir)
            .orElse(null);
    var sources = new PromptSources(ctx, promptsDir).find(paths);
    Linter.Report report = new Linter(ctx).lint(sources);
    if ("json".equals(output)) {
      ctx.json(json(report));
    } else {
      report.problems().forEach(p -> Problems.print(ctx.out(), p, ""));
      ctx.println(Problems.summary(report.problems(), report.files()));
    }
    return report.errors() > 0 ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
  }

  static ObjectNode json(Linter.Report report) {
    ObjectNode root = Json.object();
    root.put("files", report.files());
    root.put("errors", report.errors());
    root.put("warnings", report.warnings());
    root.set("problems", Wire.array(report.problems(), Problem::toJson));
    return root;
  }
}
