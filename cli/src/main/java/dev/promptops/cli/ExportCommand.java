package dev.promptops.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.client.sdk.Snapshot;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code promptops export --env ENV -o FILE}: the snapshot of what an environment runs, which an
 * application bundles so that the Java SDK can serve it while the server cannot be reached.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write the snapshot of what an environment runs (every deployed prompt: version, digest,"
          + " source and pinned components), for the Java SDK to fall back on."
    })
final class ExportCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Option(
      names = "--env",
      required = true,
      paramLabel = "ENV",
      description = "the environment, e.g. production")
  private String env;

  @Option(
      names = {"-o", "--output-file"},
      paramLabel = "FILE",
      description = "where to write it (default: standard output)")
  private String output;

  ExportCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String name = project.name();
    ObjectNode snapshot;
    try (var client = connection.client()) {
      if (!client.project(name).hasEnvironment(env)) {
        throw new InvalidInputException(
            "unknown_environment",
            "project " + name + " has no environment " + env,
            "use one of " + String.join(", ", client.project(name).environments()));
      }
      snapshot = Snapshot.export(client, name, env, Instant.now());
    }
    String text = Json.writePretty(snapshot) + "\n";
    int count = snapshot.path("prompts").size();
    if (output == null) {
      ctx.out().print(text);
      ctx.out().flush();
      return ExitCodes.OK;
    }
    Path file = ctx.resolve(output);
    write(file, text);
    ctx.println(
        "wrote "
            + ctx.show(file)
            + ": "
            + count
            + (count == 1 ? " prompt" : " prompts")
            + " of "
            + name
            + " in "
            + env);
    return ExitCodes.OK;
  }

  /** Writes beside the file, then moves it over: a reader never sees half a snapshot. */
  private static void write(Path file, String text) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".snapshot", ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          "snapshot_write", "cannot write " + file + ": " + e.getMessage(), "check the path");
    }
  }
}
