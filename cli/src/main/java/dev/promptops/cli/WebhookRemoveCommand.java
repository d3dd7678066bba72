package dev.promptops.cli;

import dev.promptops.core.webhook.WebhookInfo;
import dev.promptops.core.wire.WebhookWire;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    description = "Remove a webhook and its delivery log (queued deliveries are not sent).")
final class WebhookRemoveCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(paramLabel = "ID", description = "the webhook, wh_…")
  private String id;

  WebhookRemoveCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    WebhookInfo removed;
    try (var client = connection.client()) {
      removed = client.removeWebhook(project.name(), id);
    }
    if (connection.json()) {
      ctx.json(WebhookWire.webhook(removed));
    } else {
      ctx.println(
          "removed webhook " + removed.id() + " (" + removed.url() + ") from " + removed.project());
    }
    return ExitCodes.OK;
  }
}
