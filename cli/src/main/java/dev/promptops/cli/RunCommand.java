package dev.promptops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.dotprompt.RenderData;
import dev.promptops.core.execution.RunResult;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.ResilientCalls.Attempt;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.wire.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a registered prompt version on the model it names, on the server.",
      "The answer goes to standard output (JSON output pretty-printed); what ran, the tokens, the"
          + " cost and, after retries or a fallback, every attempt go to standard error.",
      "Exit 1 when the output does not fit the prompt's output schema; 3 when every model failed."
    })
final class RunCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(
      paramLabel = "REF",
      description = "name (the default environment), name:ENV (or label), or name@VERSION")
  private String ref;

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

  @Option(
      names = "--config",
      paramLabel = "KEY=VALUE",
      description =
          "override a generation parameter of the prompt for this run (repeatable), e.g."
              + " --config temperature=0 --config maxOutputTokens=200")
  private List<String> config = List.of();

  @Option(names = "--stream", description = "print the answer as it arrives")
  private boolean stream;

  @Option(
      names = {"-q", "--quiet"},
      description = "print only the answer, not what ran")
  private boolean quiet;

  RunCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Ref parsed = Ref.parse(ref);
    RenderData input = RenderInput.data(ctx, data, vars);
    ObjectNode options = options(config);
    boolean streamText = stream && !connection.json();
    Consumer<String> onDelta =
        streamText
            ? text -> {
              ctx.out().print(text);
              ctx.out().flush();
            }
            : null;
    RunResult r;
    try (var client = connection.client()) {
      r = client.run(project.name(), parsed.prompt(), parsed.selector(), input, options, onDelta);
    }
    if (connection.json()) {
      ctx.json(Wire.runResult(r));
    } else {
      printAnswer(r, streamText);
      if (!quiet) {
        printSummary(r);
      }
    }
    if (!r.outputValid()) {
      ctx.err().println("the output does not fit the output schema of " + r.prompt() + ":");
      r.outputErrors().forEach(e -> ctx.err().println("  " + e));
      return ExitCodes.CHECK_FAILED;
    }
    return ExitCodes.OK;
  }

  private void printAnswer(RunResult r, boolean streamed) {
    if (streamed) {
      ctx.out().println();
    } else if (r.json() != null) {
      ctx.json(r.json());
    } else {
      ctx.println(r.text());
    }
    ctx.out().flush();
  }

  /** What ran and what it cost; the attempts when there was more than one. */
  private void printSummary(RunResult r) {
    var err = ctx.err();
    String via = r.environment() != null ? r.environment() + ", " : "";
    err.println(
        "ran "
            + r.prompt()
            + "@"
            + r.version()
            + " ("
            + via
            + Text.shortDigest(r.digest())
            + ") on "
            + r.provider()
            + "/"
            + r.model()
            + (r.fellBack() ? " after a fallback" : "")
            + " in "
            + r.latencyMillis()
            + " ms");
    err.println(
        "tokens "
            + r.usage().inputTokens()
            + " in, "
            + r.usage().outputTokens()
            + " out; cost "
            + (r.cost() == null
                ? "unknown (no price for this model)"
                : "$" + r.cost().toPlainString())
            + "; finish "
            + Text.orDash(r.finishReason()));
    if (r.attempts().size() > 1) {
      err.println("attempts:");
      var t = new Table();
      for (Attempt a : r.attempts()) {
        t.row(
            "  " + a.provider() + "/" + a.model(),
            a.outcome(),
            status(a),
            a.latencyMillis() + " ms");
      }
      t.print(err);
    }
    err.flush();
  }

  private static String status(Attempt a) {
    return a.status() > 0 ? "HTTP " + a.status() : "no answer";
  }

  /** {@code --config key=value} as {@code {"config": {…}}}; a value is JSON when it parses. */
  static ObjectNode options(List<String> settings) {
    if (settings.isEmpty()) {
      return null;
    }
    ObjectNode config = Json.object();
    for (String s : settings) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException(
            "invalid_config",
            "--config takes KEY=VALUE, not '" + s + "'",
            "e.g. --config temperature=0.2 or --config stopSequences='[\"END\"]'");
      }
      config.set(s.substring(0, eq).strip(), value(s.substring(eq + 1).strip()));
    }
    ObjectNode options = Json.object();
    options.set("config", config);
    return options;
  }

  private static JsonNode value(String text) {
    if (text.isEmpty()) {
      return TextNode.valueOf(text);
    }
    try {
      return Json.parse(text);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(text);
    }
  }
}
