package dev.promptops.cli;

import dev.promptops.core.wire.Wire;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

  @picocli.CommandLine.Option(
      names = "--message",
      paramLabel = "TEXT",
      description = "why the new versions exist (as push --message)")
  private String message;

  @picocli.CommandLine.Parameters(
      arity = "0..1",
      paramLabel = "DIR",
      description = "the repository (its promptops.yaml); default: the current folder or above")
  private String dir;

  SyncCommand(Context ctx) {
    this.ctx = ctx;
  }

  private ProjectFile inDir(String d) {
    java.nio.file.Path start = ctx.resolve(d);
    return ProjectFile.find(start)
        .map(ProjectFile::read)
        .orElseThrow(
            () ->
                new dev.promptops.core.InvalidInputException(
                    "no_project_file",
                    "no " + ProjectFile.NAME + " in " + start + " or any folder above it",
                    "pass the folder of a repository's promptops.yaml, or run 'promptops init'"));
  }

  /** Pushes the prompts folder when it has prompts; each result as push prints it. */
  private java.util.List<dev.promptops.core.registry.PushResult> push(
      dev.promptops.client.PromptOpsClient client, String name, ProjectFile file) {
    if (!java.nio.file.Files.isDirectory(file.promptsDir())) {
      return java.util.List.of();
    }
    var sources = new PromptSources(ctx, file.promptsDir());
    java.util.List<PromptSources.Source> found;
    try {
      found = sources.collect(java.util.List.of());
    } catch (dev.promptops.core.InvalidInputException e) {
      if (e.code().equals("no_prompts")) {
        return java.util.List.of();
      }
      throw e;
    }
    var files = new java.util.HashMap<String, String>();
    found.forEach(s -> files.put(s.name(), ctx.show(s.path())));
    try {
      return client.push(
          name,
          found.stream().map(PromptSources.Source::item).toList(),
          message != null ? message : "promptops sync of " + ctx.show(file.path()));
    } catch (dev.promptops.core.PromptOpsException e) {
      throw PushCommand.inFiles(e, files);
    }
  }

  /**
   * Registers each native suite in {@code evals/} (promptfoo configs are not registered): the
   * suites a policy requires run on the server when a change request opens.
   */
  private com.fasterxml.jackson.databind.node.ArrayNode registerSuites(
      dev.promptops.client.PromptOpsClient client, String project, ProjectFile file) {
    var out = dev.promptops.core.json.Json.mapper().createArrayNode();
    java.nio.file.Path evals = file.root().resolve("evals");
    if (!java.nio.file.Files.isDirectory(evals)) {
      return out;
    }
    java.util.List<java.nio.file.Path> files;
    try (var list = java.nio.file.Files.list(evals)) {
      files =
          list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .filter(f -> !dev.promptops.core.eval.suite.Suites.isPromptfoo(f))
              .sorted()
              .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + evals, e);
    }
    for (var f : files) {
      String name = f.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      try {
        var suite = dev.promptops.core.eval.suite.SuiteFile.read(f, ctx.env()).suite();
        var answer = client.putSuite(project, suite.name(), RemoteSuite.registration(suite));
        out.add(answer);
      } catch (dev.promptops.core.PromptOpsException e) {
        if (e.kind() == dev.promptops.core.ErrorKind.UNAVAILABLE
            || e.kind() == dev.promptops.core.ErrorKind.UNAUTHENTICATED) {
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
      var pushed = push(client, name, file);
      com.fasterxml.jackson.databind.JsonNode policies =
          file.policies() == null
              ? null
              : client.setPolicies(name, file.policies(), "promptops sync of " + file.path());
      var suites = registerSuites(client, name, file);
      if (connection.json()) {
        var body = Wire.project(result.project());
        if (policies != null) {
          body.set("policies", policies);
        }
        body.set("suites", suites);
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
