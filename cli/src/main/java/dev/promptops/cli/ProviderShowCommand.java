package dev.promptops.cli;

import dev.promptops.core.provider.ProviderInfo;
import dev.promptops.core.provider.ProviderSettings;
import dev.promptops.core.wire.ProviderWire;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show one provider of the project (never its API key).")
final class ProviderShowCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(paramLabel = "NAME", description = "the provider, e.g. openai")
  private String name;

  ProviderShowCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ProviderInfo provider;
    try (var client = connection.client()) {
      provider = client.provider(project.name(), name);
    }
    if (connection.json()) {
      ctx.json(ProviderWire.provider(provider));
    } else {
      print(ctx, provider);
    }
    return ExitCodes.OK;
  }

  static void print(Context ctx, ProviderInfo p) {
    ProviderSettings s = p.settings();
    var t = new Table();
    t.row("name:", s.name());
    t.row("type:", s.type().wireName());
    t.row("endpoint:", ProviderListCommand.endpoint(s));
    s.options().forEach((k, v) -> t.row("option:", k + "=" + v));
    t.row(
        "api key:",
        p.hasSecret()
            ? ProviderListCommand.apiKey(p)
            : p.apiKeyVariable() == null
                ? "none stored (a custom endpoint takes only a stored key)"
                : "none stored; the server reads " + p.apiKeyVariable() + " if set");
    t.row("limits:", ProviderListCommand.limits(s));
    t.row("updated:", Text.time(p.updatedAt()) + " by " + Text.orDash(p.updatedBy()));
    t.print(ctx.out());
  }
}
