package dev.promptops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.dotprompt.Problem;
import dev.promptops.core.json.Json;
import dev.promptops.core.wire.Wire;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reports every failure the same way, {@code error: <message>} then {@code hint: <hint>} on stderr
 * (and the error as JSON on stdout with {@code --output json}), and turns it into an exit code
 * through {@link ExitCodes}. An error carrying problems in prompt files ({@code details.problems}:
 * a push that does not lint, variables that do not fit) is printed problem by problem, as lint
 * prints them.
 */
final class ErrorReporter
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  private final Context ctx;

  ErrorReporter(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    ctx.err().println("error: " + ex.getMessage().replaceFirst("^Error: ", ""));
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, ctx.err());
    ctx.err().println("hint: see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PromptOpsException e = asPromptOps(ex);
    if (json(parsed)) {
      ctx.json(errorJson(e));
    }
    report(e);
    if (ctx.env("PROMPTOPS_DEBUG") != null || !(ex instanceof PromptOpsException)) {
      ctx.err().print(stackTrace(ex));
    }
    return ExitCodes.of(e.kind());
  }

  void report(PromptOpsException e) {
    List<Problem> problems = Wire.problems(e.details());
    if (!problems.isEmpty()) {
      problems.forEach(p -> Problems.print(ctx.err(), p, ""));
      long files = problems.stream().map(Problem::origin).distinct().count();
      ctx.err().println(Problems.summary(problems, (int) files));
      return;
    }
    ctx.err().println("error: " + e.getMessage());
    String current = PinConflict.describe(e);
    if (current != null) {
      ctx.err().println("current: " + current);
    }
    JsonNode unmet = e.details() == null ? null : e.details().get("unmet");
    if (unmet != null && unmet.isArray() && unmet.size() > 1) {
      for (JsonNode u : unmet) { // a policy refusal: every rule that does not hold, with its fix
        ctx.err()
            .println("  unmet (" + u.path("rule").asText() + "): " + u.path("message").asText());
        ctx.err().println("    fix: " + u.path("hint").asText());
      }
      return;
    }
    if (!e.hint().isEmpty()) {
      ctx.err().println("hint: " + e.hint());
    }
  }

  static PromptOpsException asPromptOps(Exception ex) {
    if (ex instanceof PromptOpsException e) {
      return e;
    }
    return new PromptOpsException(
        ErrorKind.INTERNAL,
        "internal",
        "unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
        "this is a bug in promptops; please report it with the stack trace below",
        null,
        ex);
  }

  static ObjectNode errorJson(PromptOpsException e) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("code", e.code());
    error.put("message", e.getMessage());
    error.put("hint", e.hint());
    JsonNode details = e.details();
    if (details != null) {
      error.set("details", details);
    }
    return root;
  }

  private static boolean json(ParseResult parsed) {
    ParseResult sub = parsed;
    while (sub.hasSubcommand()) {
      sub = sub.subcommand();
    }
    Object output = sub.matchedOptionValue("--output", null);
    return "json".equals(output);
  }

  private static String stackTrace(Throwable t) {
    var w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
