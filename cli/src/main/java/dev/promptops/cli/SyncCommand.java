package dev.promptops.cli;

import dev.promptops.core.wire.Wire;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Create or update the server's project from promptops.yaml.",
      "Creates it if missing (needs a server-admin key), else sets its environment chain."
    })
final class SyncCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  SyncCommand(Context ctx) {
    this.ctx = ctx;
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
    ProjectFile file = project.requireFile();
    String name = project.explicit().orElse(file.project());
    try (var client = connection.client()) {
      ProjectSync.Result result = new ProjectSync(client).sync(name, file);
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
        ctx.json(body);
      } else {
        ctx.println(result.describe());
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
