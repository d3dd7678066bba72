package dev.promptops.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.report.ReportWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code promptops eval --remote}: the suite goes to the server, which runs it in the background;
 * this waits, saying how it goes, then writes the same reports from the server's stored results.
 * Ctrl-C cancels the run on the server.
 */
final class RemoteEval {
  private static final long POLL_MILLIS = 500;

  private final Context ctx;
  private final ServerOptions server;
  private final String project;
  private final EvalCommand command;

  RemoteEval(Context ctx, ServerOptions server, String project, EvalCommand command) {
    this.ctx = ctx;
    this.server = server;
    this.project = project;
    this.command = command;
  }

  int run(ObjectNode request, Map<Path, ReportWriter> reports, boolean several) {
    var stop = new AtomicBoolean();
    var done = new CountDownLatch(1);
    Thread hook = EvalCommand.interruptHook(stop, done);
    try (var client = server.client()) {
      EvalRun run = client.startEval(project, request);
      ctx.err()
          .println(
              "eval: " + run.suiteName() + " queued on " + server.server() + " as " + run.id());
      ctx.err().flush();
      EvalStatus shown = run.status();
      boolean cancelled = false;
      while (!run.status().ended()) {
        if (stop.get() && !cancelled) {
          client.cancelEval(project, run.id());
          ctx.err().println("eval: cancelling " + run.id());
          cancelled = true;
        }
        sleep();
        run = client.evalRun(project, run.id());
        if (run.status() != shown) {
          shown = run.status();
          ctx.err().println("eval: " + run.id() + " " + shown.wireName());
          ctx.err().flush();
        }
      }
      if (run.report() == null) {
        ctx.err().println("error: the run " + run.id() + " failed: " + run.error());
        ctx.err().println("hint: fix the suite or its prompts and run it again");
        return ExitCodes.SERVER;
      }
      command.writeReports(run.report(), client.evalResults(project, run.id()), reports, several);
      command.printSummary(run.report());
      ctx.err()
          .println(
              "run: " + server.server() + "/api/v1/projects/" + project + "/evals/" + run.id());
      return EvalCommand.exitCode(run.report());
    } finally {
      done.countDown();
      EvalCommand.removeHook(hook);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
