package dev.promptops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Selector;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code promptops change open|list|show|approve|reject|merge|close}: change requests, the reviewed
 * path of a version to an environment whose policy asks for approvals.
 */
@Command(
    name = "change",
    mixinStandardHelpOptions = true,
    description = "Open, review, merge and close change requests.",
    subcommands = {
      ChangeCommand.Open.class,
      ChangeCommand.ListChanges.class,
      ChangeCommand.Show.class,
      ChangeCommand.Approve.class,
      ChangeCommand.Reject.class,
      ChangeCommand.Merge.class,
      ChangeCommand.Close.class
    })
final class ChangeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** What every subcommand shares: the server, the project, and how a request is printed. */
  abstract static class Base implements Callable<Integer> {
    final Context ctx;
    @Mixin ConnectionOptions connection;
    @Mixin ProjectOptions project;

    Base(Context ctx) {
      this.ctx = ctx;
    }

    /** Calls the server and prints the request it answers with. */
    int show(Function<PromptOpsClient, JsonNode> call, String done) {
      JsonNode change;
      try (var client = connection.client()) {
        change = call.apply(client);
      }
      if (connection.json()) {
        ctx.json(change);
      } else {
        if (done != null) {
          ctx.println(done.replace("#N", "#" + change.path("number").asInt()));
        }
        print(change);
      }
      return ExitCodes.OK;
    }

    void print(JsonNode c) {
      ctx.println(
          "#"
              + c.path("number").asInt()
              + "  "
              + c.path("prompt").asText()
              + "@"
              + c.path("version").asInt()
              + " -> "
              + c.path("environment").asText()
              + "  "
              + c.path("state").asText().toUpperCase(java.util.Locale.ROOT)
              + (c.path("outcome").asText().isEmpty()
                  ? ""
                  : " (" + c.path("outcome").asText() + ")"));
      ctx.println("digest   " + c.path("digest").asText());
      ctx.println(
          "author   "
              + c.path("author").asText()
              + (c.path("autoMerge").asBoolean() ? "  (auto-merge)" : ""));
      if (!c.path("description").asText().isEmpty()) {
        ctx.println("         " + c.path("description").asText().replace("\n", "\n         "));
      }
      for (JsonNode r : c.path("reviews")) {
        ctx.println(
            "review   "
                + r.path("reviewer").asText()
                + " ("
                + r.path("role").asText()
                + "): "
                + r.path("verdict").asText().replace('_', ' ')
                + (r.path("comment").asText().isEmpty() ? "" : " — " + r.path("comment").asText()));
      }
      for (JsonNode e : c.path("evals")) {
        ctx.println(
            "eval     "
                + e.path("suite").asText()
                + ": "
                + e.path("run").asText()
                + " "
                + e.path("status").asText()
                + (e.has("gatePassed")
                    ? (e.path("gatePassed").asBoolean() ? ", gate passed" : ", gate failed")
                    : ""));
      }
      for (JsonNode note : c.path("notes")) {
        ctx.println("note     " + note.asText());
      }
      if ("open".equals(c.path("state").asText())) {
        if (c.path("mergeable").asBoolean()) {
          ctx.println(
              "ready    the policy holds: promptops change merge " + c.path("number").asInt());
        }
        for (JsonNode u : c.path("unmet")) {
          ctx.println("waiting  " + u.path("message").asText());
          ctx.println("         " + u.path("hint").asText());
        }
      }
    }
  }

  /** A subcommand about one request, named by its number. */
  abstract static class OnRequest extends Base {
    @Parameters(paramLabel = "NUMBER", description = "the request's number (change list)")
    int number;

    OnRequest(Context ctx) {
      super(ctx);
    }
  }

  @Command(
      name = "open",
      mixinStandardHelpOptions = true,
      description = "Propose deploying a version to an environment (editor or deployer).")
  static final class Open extends Base {
    @Parameters(
        paramLabel = "REF",
        description =
            "the version: NAME@VERSION, or NAME:latest (the newest), NAME:ENV … resolved now")
    String ref;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "where it deploys")
    String env;

    @Option(
        names = {"-m", "--description"},
        paramLabel = "TEXT",
        description = "what changes and why")
    String description = "";

    @Option(
        names = "--auto-merge",
        description = "deploy as soon as the policy holds (needs the deploy permission)")
    boolean autoMerge;

    Open(Context ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      Ref parsed = Ref.parse(ref);
      if (ref.indexOf('@') < 0 && ref.indexOf(':') < 0) {
        throw new InvalidInputException(
            "version_required",
            "a change request proposes one version; '" + ref + "' names none",
            "write NAME@VERSION, or NAME:latest for the newest, e.g. " + ref + ":latest");
      }
      return show(
          c -> {
            int version =
                parsed.selector() instanceof Selector.Version v
                    ? v.number()
                    : c.resolve(project.name(), parsed).version().version();
            return c.openChange(
                project.name(), parsed.prompt(), version, env, description, autoMerge);
          },
          "opened change request #N");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List change requests.")
  static final class ListChanges extends Base {
    @Option(
        names = "--state",
        paramLabel = "STATE",
        description = "open (default), merged, closed, superseded or all")
    String state = "open";

    @Option(names = "--prompt", paramLabel = "NAME", description = "only this prompt's")
    String prompt;

    @Option(names = "--limit", paramLabel = "N", description = "at most N (default 50)")
    int limit = 50;

    ListChanges(Context ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      JsonNode answer;
      try (var client = connection.client()) {
        answer = client.changes(project.name(), "all".equals(state) ? null : state, prompt, limit);
      }
      if (connection.json()) {
        ctx.json(answer);
        return ExitCodes.OK;
      }
      var t = new Table("#", "PROMPT", "VERSION", "ENV", "STATE", "AUTHOR", "UPDATED");
      for (JsonNode c : answer.path("changes")) {
        t.row(
            String.valueOf(c.path("number").asInt()),
            c.path("prompt").asText(),
            "v" + c.path("version").asInt(),
            c.path("environment").asText(),
            c.path("state").asText(),
            c.path("author").asText(),
            Text.time(java.time.Instant.parse(c.path("updatedAt").asText())));
      }
      t.print(ctx.out());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "A change request, its reviews, and what its policy still lacks.")
  static final class Show extends OnRequest {
    Show(Context ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      return show(c -> c.change(project.name(), number), null);
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve a change request (approver or admin; never your own).")
  static final class Approve extends OnRequest {
    @Option(
        names = {"-m", "--comment"},
        paramLabel = "TEXT")
    String comment = "";

    Approve(Context ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      return show(
          c -> c.reviewChange(project.name(), number, "approve", comment),
          "approved change request #N");
    }
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Ask for changes on a change request: it cannot merge until you approve.")
  static final class Reject extends OnRequest {
    @Option(
        names = {"-m", "--comment"},
        required = true,
        paramLabel = "TEXT",
        description = "what must change")
    String comment;

    Reject(Context ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      return show(
          c -> c.reviewChange(project.name(), number, "request_changes", comment),
          "asked for changes on change request #N");
    }
  }

  @Command(
      name = "merge",
      mixinStandardHelpOptions = true,
      description = "Deploy a change request whose policy holds (deployer or admin).")
  static final class Merge extends OnRequest {
    Merge(Context ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      return show(c -> c.mergeChange(project.name(), number), "merged change request #N");
    }
  }

  @Command(
      name = "close",
      mixinStandardHelpOptions = true,
      description = "Withdraw a change request (its author or an admin).")
  static final class Close extends OnRequest {
    @Option(names = "--reason", paramLabel = "TEXT")
    String reason = "";

    Close(Context ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      return show(c -> c.closeChange(project.name(), number, reason), "closed change request #N");
    }
  }
}
