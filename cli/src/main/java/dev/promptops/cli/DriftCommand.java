package dev.promptops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.drift.DriftRules;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.json.Json;
import dev.promptops.core.prompt.ComponentNames;
import dev.promptops.core.registry.PromptSummary;
import dev.promptops.core.registry.PromptVersion;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code promptops drift --env ENV [--dir prompts]}: with {@code --dir}, the files against what is
 * deployed (exit 1 on any difference); without, what running instances serve and the incidents open
 * (exit 1 while any is unresolved). {@code drift incidents} lists them, {@code drift ack}
 * acknowledges one.
 */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = {
      "Compare what runs with what is registered and deployed.",
      "With --dir: the .prompt files against the versions deployed to --env (exit 1 on any"
          + " difference).",
      "Without: the instances serving --env and its unresolved incidents (exit 1 while any is"
          + " open)."
    },
    subcommands = {DriftCommand.Incidents.class, DriftCommand.Ack.class})
final class DriftCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      description = "the environment (default: production)")
  private String env;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "a prompts folder to compare with what --env runs, e.g. prompts")
  private String dir;

  DriftCommand(Context ctx) {
    this.ctx = ctx;
  }

  private String env() {
    return env == null ? "production" : env;
  }

  @Override
  public Integer call() {
    try (var client = connection.client()) {
      return dir == null ? runtime(client) : repository(client);
    }
  }

  /** One difference between the folder and the environment. */
  record Difference(String prompt, String kind, String message) {}

  private int repository(PromptOpsClient client) {
    String name = project.name();
    var folder = ctx.resolve(dir);
    if (!Files.isDirectory(folder)) {
      throw new InvalidInputException(
          "no_such_folder",
          "no folder " + ctx.show(folder),
          "pass the prompts folder of the repository, e.g. --dir prompts");
    }
    var sources = new PromptSources(ctx, folder);
    var files = new TreeMap<String, PromptSources.Source>();
    for (PromptSources.Source s : sources.collect(List.of(folder.toString()))) {
      if (!ComponentNames.isComponent(s.name())) {
        files.put(s.name(), s);
      }
    }
    var deployed = new TreeMap<String, Integer>();
    for (PromptSummary p : client.prompts(name)) {
      Integer v = p.pins().get(env());
      if (v != null && !ComponentNames.isComponent(p.name())) {
        deployed.put(p.name(), v);
      }
    }
    var local = new LocalPrompts(ctx, name, () -> client);
    var differences = new ArrayList<Difference>();
    int same = 0;
    for (var f : files.values()) {
      String digest = local.load(new PromptSource.File(f.path(), f.name())).digest();
      Integer v = deployed.remove(f.name());
      if (v == null) {
        differences.add(
            new Difference(
                f.name(), "not_deployed", ctx.show(f.path()) + " is not deployed to " + env()));
        continue;
      }
      PromptVersion running = client.version(name, f.name(), v);
      if (running.digest().equals(digest)) {
        same++;
        continue;
      }
      differences.add(
          new Difference(
              f.name(),
              "differs",
              ctx.show(f.path())
                  + " ("
                  + DriftRules.shortDigest(digest)
                  + ") differs from "
                  + f.name()
                  + "@"
                  + v
                  + " deployed to "
                  + env()
                  + " ("
                  + DriftRules.shortDigest(running.digest())
                  + ")"));
    }
    for (var d : deployed.entrySet()) {
      differences.add(
          new Difference(
              d.getKey(),
              "no_file",
              d.getKey() + "@" + d.getValue() + " is deployed to " + env() + " but has no file"));
    }
    if (connection.json()) {
      ObjectNode out = Json.object().put("environment", env()).put("same", same);
      ArrayNode list = out.putArray("differences");
      differences.forEach(
          d ->
              list.addObject()
                  .put("prompt", d.prompt())
                  .put("kind", d.kind())
                  .put("message", d.message()));
      ctx.json(out);
    } else if (differences.isEmpty()) {
      ctx.println(
          "no drift: "
              + same
              + (same == 1 ? " prompt matches " : " prompts match ")
              + "what "
              + env()
              + " runs");
    } else {
      differences.forEach(d -> ctx.println(d.message()));
      ctx.println(
          differences.size()
              + (differences.size() == 1 ? " difference" : " differences")
              + " with "
              + env()
              + "; push and deploy the files, or bring the files back in line");
    }
    return differences.isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private int runtime(PromptOpsClient client) {
    JsonNode status = client.driftStatus(project.name(), env());
    JsonNode incidents = status.path("incidents");
    if (connection.json()) {
      ctx.json(status);
      return incidents.isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
    Map<String, JsonNode> instances = new TreeMap<>();
    status.path("instances").forEach(i -> instances.put(i.path("id").asText(), i));
    var rows = new ArrayList<List<String>>();
    for (JsonNode s : status.path("served")) {
      JsonNode instance = instances.get(s.path("instance").asText());
      rows.add(
          List.of(
              s.path("instance").asText(),
              instance == null ? "(gone)" : instance.path("application").asText(),
              s.path("prompt").asText(),
              (s.path("version").isInt() ? "v" + s.path("version").asInt() + " " : "")
                  + DriftRules.shortDigest(s.path("digest").asText())
                  + (s.path("fallback").asBoolean() ? " (snapshot)" : ""),
              s.path("lastSeen").asText()));
    }
    if (rows.isEmpty()) {
      ctx.println(
          "no instance reported serving anything in "
              + env()
              + " lately (instances report through the Java SDK; see docs/drift.md)");
    } else {
      var table = new Table("INSTANCE", "APPLICATION", "PROMPT", "SERVES", "LAST SEEN");
      rows.forEach(table::row);
      table.print(ctx.out());
    }
    if (incidents.isEmpty()) {
      ctx.println("no open incident in " + env());
      return ExitCodes.OK;
    }
    ctx.println("");
    incidents.forEach(i -> ctx.println(Incidents.line(i)));
    return ExitCodes.CHECK_FAILED;
  }

  @Command(
      name = "incidents",
      mixinStandardHelpOptions = true,
      description = "List drift incidents, newest first.")
  static final class Incidents implements Callable<Integer> {
    private final Context ctx;
    @Mixin private ConnectionOptions connection;
    @Mixin private ProjectOptions project;

    @Option(names = "--env", paramLabel = "ENV", description = "only this environment")
    private String env;

    @Option(
        names = "--state",
        paramLabel = "STATE",
        description = "open, acknowledged or resolved (default: all)")
    private String state;

    @Option(names = "--limit", defaultValue = "50", description = "at most this many")
    private int limit;

    Incidents(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      JsonNode list;
      try (var client = connection.client()) {
        list = client.incidents(project.name(), state, env, limit);
      }
      if (connection.json()) {
        ctx.json(list);
      } else if (list.path("incidents").isEmpty()) {
        ctx.println("no incidents");
      } else {
        list.path("incidents").forEach(i -> ctx.println(line(i)));
      }
      return ExitCodes.OK;
    }

    /** e.g. "#3 open stale support/reply in production: instance b still serves …". */
    static String line(JsonNode i) {
      return "#"
          + i.path("number").asInt()
          + " "
          + i.path("state").asText()
          + " "
          + i.path("kind").asText()
          + " "
          + i.path("prompt").asText()
          + " in "
          + i.path("environment").asText()
          + ": "
          + i.path("message").asText()
          + (i.hasNonNull("acknowledgedBy")
              ? " [acknowledged by "
                  + i.path("acknowledgedBy").asText()
                  + ": "
                  + i.path("note").asText()
                  + "]"
              : "");
    }
  }

  @Command(
      name = "ack",
      mixinStandardHelpOptions = true,
      description = "Acknowledge an incident with a note (it still resolves on its own).")
  static final class Ack implements Callable<Integer> {
    private final Context ctx;
    @Mixin private ConnectionOptions connection;
    @Mixin private ProjectOptions project;

    @Parameters(paramLabel = "NUMBER", description = "the incident, e.g. 3")
    private int number;

    @Option(names = "--note", paramLabel = "TEXT", description = "what is being done about it")
    private String note;

    Ack(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      JsonNode incident;
      try (var client = connection.client()) {
        incident = client.acknowledgeIncident(project.name(), number, note);
      }
      if (connection.json()) {
        ctx.json(incident);
      } else {
        ctx.println(Incidents.line(incident));
      }
      return ExitCodes.OK;
    }
  }
}
