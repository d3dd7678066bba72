package dev.promptops.cli;

import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.names.Names;
import dev.promptops.core.registry.DeployOutcome;
import dev.promptops.core.wire.Wire;
import picocli.CommandLine.Option;

/**
 * The options every pin move shares (deploy, promote, rollback, unpin): the reason for the ledger,
 * and the compare-and-set guard.
 */
final class MoveOptions {
  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "why, for the ledger and audit log")
  private String reason;

  @Option(
      names = "--expect",
      paramLabel = "N|none",
      description =
          "the version you believe the target pins now, or none (default: read it just before"
              + " the move)")
  private String expect;

  String reason() {
    return reason;
  }

  /**
   * The version the caller believes is pinned at {@code target}: from {@code --expect} when given,
   * else read from the server now, so that a move made meanwhile by someone else is refused.
   */
  Integer expected(PromptOpsClient client, String project, String prompt, String target) {
    if (expect != null) {
      return Moves.Expectation.parse(expect).version();
    }
    return client.pins(project, prompt).versionAt(target);
  }

  /** One pin move against the server. */
  @FunctionalInterface
  interface Move {
    DeployOutcome apply(PromptOpsClient client, String project, Integer expected, String reason);
  }

  /**
   * Runs a move of {@code prompt} at {@code target}: reads the expected version (compare-and-set),
   * moves, and prints the outcome.
   */
  int run(
      Context ctx,
      ConnectionOptions connection,
      ProjectOptions project,
      String prompt,
      String target,
      Move move) {
    return run(ctx, connection, project, prompt, target, move, null);
  }

  /**
   * Runs a move, then, when {@code convergence} asks for it, waits for the deployment to be
   * confirmed; exit 1 when it is not in time.
   */
  int run(
      Context ctx,
      ConnectionOptions connection,
      ProjectOptions project,
      String prompt,
      String target,
      Move move,
      Convergence convergence) {
    Names.prompt(prompt);
    String name = project.name();
    try (var client = connection.client()) {
      Integer expected = expected(client, name, prompt, target);
      DeployOutcome outcome = move.apply(client, name, expected, reason);
      if (convergence == null || !convergence.requested()) {
        Moves.print(ctx, connection.json(), outcome);
        return ExitCodes.OK;
      }
      if (!connection.json()) {
        Moves.print(ctx, false, outcome);
        ctx.println("waiting until every running instance serves it…");
      }
      Convergence.Result r =
          convergence.await(
              client,
              name,
              outcome,
              target,
              connection.timeout().orElse(Convergence.DEFAULT_TIMEOUT));
      if (connection.json()) {
        ctx.json(Convergence.withConfirmation(Wire.outcome(outcome), r));
      } else {
        ctx.println(r.message());
      }
      return r.confirmed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
  }
}
