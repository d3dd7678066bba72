package dev.promptops.cli;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.registry.Impact;
import dev.promptops.core.wire.Wire;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "impact",
    mixinStandardHelpOptions = true,
    description = {
      "Which prompt versions pin a component, where they run, and what adopting a component"
          + " version would change.",
      "A prompt version renders with the component versions it pins: a new component version"
          + " changes nothing deployed.",
      "To adopt it, push the prompt again (promptops push): that makes a new prompt version,"
          + " which you deploy as usual."
    })
final class ImpactCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(
      paramLabel = "COMPONENT[@V]",
      description =
          "the component, by partial name (footer, support/footer) or file name (_footer), and"
              + " the version to adopt (default: the newest)")
  private String component;

  @Option(
      names = "--all",
      description = "list every pinning version, not only the newest and those running somewhere")
  private boolean all;

  ImpactCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    int at = component.lastIndexOf('@');
    String name = at < 0 ? component : component.substring(0, at);
    Integer version = at < 0 ? null : version(component.substring(at + 1));
    try (var client = connection.client()) {
      Impact impact = client.impact(project.name(), name, version);
      if (connection.json()) {
        ctx.json(Wire.impact(impact));
      } else {
        print(impact, all, ctx.out());
      }
    }
    return ExitCodes.OK;
  }

  private Integer version(String digits) {
    try {
      int v = Integer.parseInt(digits);
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        "invalid_ref",
        "not a component version: '" + component + "'",
        "write COMPONENT or COMPONENT@VERSION, e.g. footer@4");
  }

  static void print(Impact impact, boolean all, PrintWriter out) {
    String adopt = "v" + impact.targetVersion();
    out.println(
        "component "
            + impact.component()
            + ": newest v"
            + impact.latestVersion()
            + (impact.targetVersion() == impact.latestVersion() ? "" : "; adopting " + adopt));
    if (impact.prompts().isEmpty()) {
      out.println("no prompt version pins it");
      return;
    }
    List<Impact.Affected> shown =
        impact.prompts().stream()
            .filter(a -> all || a.latest() || !a.runningIn().isEmpty())
            .toList();
    out.println();
    var table = new Table("PROMPT", "VERSION", "PINS", "RUNS IN", "LATEST", "ADOPTING " + adopt);
    for (Impact.Affected a : shown) {
      table.row(
          a.prompt(),
          "v" + a.version(),
          "v" + a.pinned(),
          a.runningIn().isEmpty() ? "-" : String.join(", ", a.runningIn()),
          a.latest() ? "yes" : "no",
          a.wouldChange() ? "changes" : "no change");
    }
    table.print(out);
    int hidden = impact.prompts().size() - shown.size();
    if (hidden > 0) {
      out.println(
          "(and "
              + Problems.count(hidden, "older version")
              + " running nowhere; --all lists "
              + (hidden == 1 ? "it)" : "them)"));
    }
    var pinned = shown.stream().map(Impact.Affected::pinned).collect(Collectors.toSet());
    for (Impact.Change c : impact.changes()) {
      if (!pinned.contains(c.from())) {
        continue;
      }
      out.println();
      out.println(impact.component() + " v" + c.from() + " -> v" + c.to() + ":");
      out.print(c.templateDiff().endsWith("\n") ? c.templateDiff() : c.templateDiff() + "\n");
    }
    out.println();
    out.println(adoptHint(impact, shown));
  }

  private static String adoptHint(Impact impact, List<Impact.Affected> shown) {
    boolean anyChange = shown.stream().anyMatch(Impact.Affected::wouldChange);
    if (!anyChange) {
      return "Every version listed already pins v" + impact.targetVersion() + ".";
    }
    String how =
        impact.targetVersion() == impact.latestVersion()
            ? "push the prompts again (promptops push)"
            : "push the prompts again together with the component file as it is in v"
                + impact.targetVersion()
                + " (promptops push)";
    return "Nothing deployed changes by itself: each version keeps the component version it pins."
        + "\nTo adopt v"
        + impact.targetVersion()
        + ", "
        + how
        + ": each gets a new version\npinning it, which you deploy the normal way"
        + " (promptops deploy NAME@VERSION --env ENV, then promote).";
  }
}
