package dev.promptops.cli;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Selector;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Pin a version to an environment or label.",
      "Refused when the pin moved since it was read (or is not the version given with --expect),",
      "or when the environment's policy does not allow the version (each unmet rule is listed)."
    })
final class DeployCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;
  @Mixin private MoveOptions move;
  @Mixin private Convergence convergence;

  @Parameters(paramLabel = "NAME@VERSION", description = "the version to pin, e.g. support/reply@3")
  private String ref;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private TargetOption target;

  @picocli.CommandLine.Option(
      names = "--break-glass",
      description =
          "admin only, with --reason: deploy past the environment's policy (flagged in the"
              + " ledger and the audit trail)")
  private boolean breakGlass;

  DeployCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Ref parsed = Ref.parse(ref);
    int version = version(parsed);
    return move.run(
        ctx,
        connection,
        project,
        parsed.prompt(),
        target.name(),
        (client, name, expected, reason) ->
            client.deploy(
                name, parsed.prompt(), target.selector(), version, expected, reason, breakGlass),
        convergence);
  }

  private static int version(Ref ref) {
    if (ref.selector() instanceof Selector.Version v) {
      return v.number();
    }
    throw new InvalidInputException(
        "version_required",
        "deploy needs an exact version, not '" + ref + "'",
        "write NAME@VERSION, e.g. "
            + ref.prompt()
            + "@3; to copy another environment's version"
            + " use 'promptops promote'");
  }
}
