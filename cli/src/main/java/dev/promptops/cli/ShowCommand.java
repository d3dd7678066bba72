package dev.promptops.cli;

import dev.promptops.client.PinList;
import dev.promptops.core.registry.Pin;
import dev.promptops.core.registry.PromptVersion;
import dev.promptops.core.registry.Ref;
import dev.promptops.core.registry.Resolution;
import dev.promptops.core.wire.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a version: number, digest, provenance, pins and source.")
final class ShowCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(
      paramLabel = "REF",
      description = "name (the default environment), name:ENV (or label), or name@VERSION")
  private String ref;

  ShowCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Ref parsed = Ref.parse(ref);
    String name = project.name();
    try (var client = connection.client()) {
      Resolution r = client.resolve(name, parsed);
      if (connection.json()) {
        ctx.json(Wire.version(r.version()).put("resolvedVia", r.via()));
      } else {
        print(r, client.pins(name, parsed.prompt()));
      }
    }
    return ExitCodes.OK;
  }

  private void print(Resolution r, PinList pins) {
    PromptVersion v = r.version();
    ctx.println(v.ref() + "  " + v.digest());
    var t = new Table();
    t.row("resolved via", r.via());
    t.row("author", v.createdBy());
    t.row("date", Text.time(v.createdAt()));
    t.row("message", Text.orDash(v.message()));
    t.row("pins", pins(pins.pins()));
    if (!v.components().isEmpty()) {
      var parts = v.components().stream().map(c -> c.name() + "@" + c.version()).toList();
      t.row("components", String.join(", ", parts));
    }
    t.print(ctx.out());
    ctx.println("");
    ctx.out().print(source(v));
  }

  static String pins(List<Pin> pins) {
    if (pins.isEmpty()) {
      return "-";
    }
    return String.join(", ", pins.stream().map(p -> p.target() + "=v" + p.version()).toList());
  }

  /** The version as a .prompt file, ending with a newline. */
  static String source(PromptVersion v) {
    String text = v.source();
    return text.endsWith("\n") ? text : text + "\n";
  }
}
