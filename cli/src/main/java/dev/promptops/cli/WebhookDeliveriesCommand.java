package dev.promptops.cli;

import dev.promptops.core.json.Json;
import dev.promptops.core.webhook.WebhookDelivery;
import dev.promptops.core.webhook.Webhooks;
import dev.promptops.core.wire.WebhookWire;
import dev.promptops.core.wire.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "deliveries",
    mixinStandardHelpOptions = true,
    description = "The delivery log of a webhook, newest first: status, attempts, last answer.")
final class WebhookDeliveriesCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(paramLabel = "ID", description = "the webhook, wh_…")
  private String id;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "at most N deliveries (1.." + Webhooks.MAX_PAGE + ", default 20)")
  private int limit = 20;

  @Option(names = "--before", paramLabel = "DELIVERY", description = "those queued before it")
  private String before;

  WebhookDeliveriesCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<WebhookDelivery> page;
    try (var client = connection.client()) {
      page = client.webhookDeliveries(project.name(), id, before, limit);
    }
    if (connection.json()) {
      var root = Json.object();
      root.set("deliveries", Wire.array(page, d -> WebhookWire.delivery(d, false)));
      ctx.json(root);
      return ExitCodes.OK;
    }
    var t = new Table("ID", "EVENT", "STATUS", "ATTEMPTS", "LAST", "AT", "NEXT");
    for (WebhookDelivery d : page) {
      t.row(
          d.id(),
          d.event(),
          d.status().wireName(),
          Integer.toString(d.attempts()),
          last(d),
          Text.time(d.createdAt()),
          Text.time(d.nextAttemptAt()));
    }
    t.print(ctx.out());
    return ExitCodes.OK;
  }

  /** The last answer: its status code, or the error when the receiver was not reached. */
  private static String last(WebhookDelivery d) {
    if (d.lastError() != null) {
      return d.lastError().length() > 60 ? d.lastError().substring(0, 59) + "…" : d.lastError();
    }
    return d.lastStatusCode() == null ? "-" : Integer.toString(d.lastStatusCode());
  }
}
