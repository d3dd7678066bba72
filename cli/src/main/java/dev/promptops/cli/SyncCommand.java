package dev.promptops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.eval.suite.SuiteFile;
import dev.promptops.core.eval.suite.Suites;
import dev.promptops.core.json.Json;
import dev.promptops.core.registry.PushResult;
import dev.promptops.core.wire.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Make the server's project match this repository: promptops.yaml's environments and",
      "policies, new versions of changed prompts and components (prompts/), and the eval suites",
      "of evals/ registered by name. Creates the project if missing (a server-admin key).",
      "Deletes nothing."
    })
final class SyncCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Option(
      names = "--message",
      paramLabel = "TEXT",
      description = "why the new versions exist (as push --message)")
  private String message;

  @Parameters(
      arity = "0..1",
      paramLabel = "DIR",
      description = "the repository (its promptops.yaml); default: the current folder or above")
  private String dir;

  SyncCommand(Context ctx) {
    this.ctx = ctx;
  }

  private ProjectFile inDir(String d) {
    Path start = ctx.resolve(d);
    return ProjectFile.find(start)
        .map(ProjectFile::read)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "no_project_file",
                    "no " + ProjectFile.NAME + " in " + start + " or any folder above it",
                    "pass the folder of a repository's promptops.yaml, or run 'promptops init'"));
  }

  /** Pushes the prompts folder when it has prompts; each result as push prints it. */
  private List<PushResult> push(PromptOpsClient client, String name, ProjectFile file) {
    if (!Files.isDirectory(file.promptsDir())) {
      return List.of();
    }
    var sources = new PromptSources(ctx, file.promptsDir());
    List<PromptSources.Source> found;
    try {
      found = sources.collect(List.of());
    } catch (InvalidInputException e) {
      if (e.code().equals("no_prompts")) {
        return List.of();
      }
      throw e;
    }
    var files = new HashMap<String, String>();
    found.forEach(s -> files.put(s.name(), ctx.show(s.path())));
    try {
      return client.push(
          name,
          found.stream().map(PromptSources.Source::item).toList(),
          message != null ? message : "promptops sync of " + ctx.show(file.path()));
    } catch (PromptOpsException e) {
      throw PushCommand.inFiles(e, files);
    }
  }

  /**
   * Registers each native suite in {@code evals/} (promptfoo configs are not registered): the
   * suites a policy requires run on the server when a change request opens.
   */
  private ArrayNode registerSuites(PromptOpsClient client, String project, ProjectFile file) {
    var out = Json.mapper().createArrayNode();
    Path evals = file.root().resolve("evals");
    if (!Files.isDirectory(evals)) {
      return out;
    }
    List<Path> files;
    try (var list = Files.list(evals)) {
      files =
          list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .filter(f -> !Suites.isPromptfoo(f))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + evals, e);
    }
    for (var f : files) {
      String name = f.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      try {
        var suite = SuiteFile.read(f, ctx.env()).suite();
        var answer = client.putSuite(project, suite.name(), RemoteSuite.registration(suite));
        out.add(answer);
      } catch (PromptOpsException e) {
        if (e.kind() == ErrorKind.UNAVAILABLE || e.kind() == ErrorKind.UNAUTHENTICATED) {
          throw e;
        }
        out.addObject().put("name", name).put("error", e.getMessage());
      }
    }
    return out;
  }

  @Override
  public Integer call() {
    ProjectFile file = dir == null ? project.requireFile() : inDir(dir);
    String name = project.explicit().orElse(file.project());
    try (var client = connection.client()) {
      ProjectSync.Result result = new ProjectSync(client).sync(name, file);
      // policies first: one the server refuses stops the sync before any new version exists
      JsonNode policies =
          file.policies() == null
              ? null
              : client.setPolicies(name, file.policies(), "promptops sync of " + file.path());
      var pushed = push(client, name, file);
      var suites = registerSuites(client, name, file);
      // schedules last: they name registered suites
      JsonNode schedules =
          file.schedules() == null ? null : client.setSchedules(name, file.schedules());
      if (connection.json()) {
        var body = Wire.project(result.project());
        if (policies != null) {
          body.set("policies", policies);
        }
        body.set("suites", suites);
        if (schedules != null) {
          body.set("schedules", schedules.path("schedules"));
        }
        body.set("pushed", Wire.array(pushed, Wire::pushResult));
        ctx.json(body);
      } else {
        ctx.println(result.describe());
        pushed.forEach(r -> ctx.println(r.describe()));
        if (policies != null) {
          ctx.println(
              policies.path("changed").asBoolean()
                  ? "policies: version " + policies.path("version").asInt() + " applied"
                  : "policies are up to date (version " + policies.path("version").asInt() + ")");
        }
        for (var s : suites) {
          ctx.println(
              s.has("error")
                  ? "suite "
                      + s.path("name").asText()
                      + ": not registered: "
                      + s.path("error").asText()
                  : "suite "
                      + s.path("name").asText()
                      + ": "
                      + (s.path("changed").asBoolean() ? "registered " : "up to date ")
                      + s.path("digest").asText());
        }
        if (schedules != null) {
          for (JsonNode s : schedules.path("schedules")) {
            ctx.println(
                "schedule: suite "
                    + s.path("suite").asText()
                    + " re-runs on "
                    + s.path("environment").asText()
                    + " every "
                    + s.path("every").asText()
                    + " (margin "
                    + s.path("margin").asDouble()
                    + ")");
          }
        }
      }
      for (var s : suites) {
        if (s.has("error")) {
          return ExitCodes.CHECK_FAILED;
        }
      }
    }
    return ExitCodes.OK;
  }
}
