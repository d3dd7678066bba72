package dev.promptops.cli;

import dev.promptops.core.diff.FieldChange;
import dev.promptops.core.diff.VersionDiff;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.wire.Wire;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two versions: template, then front matter field by field.",
      "e.g. promptops diff greet@3 greet@4, promptops diff greet:staging greet:production"
    })
final class DiffCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(
      index = "0",
      paramLabel = "FROM",
      description = "the old side: name, name:ENV or name@VERSION")
  private String from;

  @Parameters(index = "1", paramLabel = "TO", description = "the new side")
  private String to;

  DiffCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Ref a = Ref.parse(from);
    Ref b = Ref.parse(to);
    String name = project.name();
    try (var client = connection.client()) {
      VersionDiff diff = client.diff(name, a, b);
      if (connection.json()) {
        ctx.json(Wire.diff(diff));
      } else {
        print(diff, ctx.out());
      }
    }
    return ExitCodes.OK;
  }

  static void print(VersionDiff d, PrintWriter out) {
    if (d.identical()) {
      out.println(
          d.from() + " and " + d.to() + " are identical (" + Text.shortDigest(d.toDigest()) + ")");
      return;
    }
    out.println("from " + d.from() + "  " + d.fromDigest());
    out.println("to   " + d.to() + "  " + d.toDigest());
    out.println("");
    if (d.template().isEmpty()) {
      out.println("template: unchanged");
    } else {
      out.print(d.template().endsWith("\n") ? d.template() : d.template() + "\n");
    }
    changes("front matter", d.frontMatter(), out);
    changes("components", d.components(), out);
  }

  private static void changes(String title, List<FieldChange> changes, PrintWriter out) {
    out.println("");
    if (changes.isEmpty()) {
      out.println(title + ": unchanged");
      return;
    }
    out.println(title + ":");
    for (FieldChange c : changes) {
      out.println("  " + line(c));
    }
  }

  /**
   * e.g. {@code ~ /config/temperature: 0.2 -> 0.7} or {@code + /input/schema/tone: "string"
   * [schema]}.
   */
  static String line(FieldChange c) {
    String text =
        switch (c.change()) {
          case "added" -> "+ " + c.path() + ": " + Text.compact(c.to());
          case "removed" -> "- " + c.path() + ": " + Text.compact(c.from());
          default ->
              "~ " + c.path() + ": " + Text.compact(c.from()) + " -> " + Text.compact(c.to());
        };
    return c.schema() ? text + "  [schema]" : text;
  }
}
