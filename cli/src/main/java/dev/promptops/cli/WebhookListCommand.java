package dev.promptops.cli;

import dev.promptops.core.json.Json;
import dev.promptops.core.webhook.WebhookInfo;
import dev.promptops.core.wire.WebhookWire;
import dev.promptops.core.wire.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the project's webhooks (never their secrets).")
final class WebhookListCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  WebhookListCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String name = project.name();
    List<WebhookInfo> hooks;
    try (var client = connection.client()) {
      hooks = client.webhooks(name);
    }
    if (connection.json()) {
      var root = Json.object();
      root.set("webhooks", Wire.array(hooks, WebhookWire::webhook));
      ctx.json(root);
    } else if (hooks.isEmpty()) {
      ctx.println("no webhooks in project " + name + "; add one with 'promptops webhook add URL'");
    } else {
      var t = new Table("ID", "URL", "EVENTS", "STATE", "CREATED", "BY");
      for (WebhookInfo h : hooks) {
        t.row(
            h.id(),
            h.url(),
            String.join(",", h.events()),
            h.enabled() ? "enabled" : "disabled",
            Text.time(h.createdAt()),
            h.createdBy());
      }
      t.print(ctx.out());
    }
    return ExitCodes.OK;
  }
}
