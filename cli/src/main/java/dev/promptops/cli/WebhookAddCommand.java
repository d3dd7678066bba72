package dev.promptops.cli;

import dev.promptops.core.webhook.WebhookEvents;
import dev.promptops.core.webhook.WebhookInfo;
import dev.promptops.core.webhook.Webhooks;
import dev.promptops.core.wire.WebhookWire;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = "Subscribe a URL to events of the project. Prints the signing secret once.")
final class WebhookAddCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  @Parameters(paramLabel = "URL", description = "where to POST, e.g. https://hooks.example.com/x")
  private String url;

  @Option(
      names = "--event",
      paramLabel = "EVENT",
      split = ",",
      description =
          "an event to receive, e.g. deployment.created; repeatable or comma-separated"
              + " (default: * for all)")
  private List<String> events = List.of(WebhookEvents.ALL);

  @Option(names = "--disabled", description = "add it disabled: no deliveries until enabled")
  private boolean disabled;

  WebhookAddCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Webhooks.Created created;
    try (var client = connection.client()) {
      created = client.createWebhook(project.name(), url, events, !disabled);
    }
    WebhookInfo hook = created.webhook();
    if (connection.json()) {
      ctx.json(WebhookWire.webhook(hook).put("secret", created.secret()));
    } else {
      ctx.println(
          "added webhook "
              + hook.id()
              + " to project "
              + hook.project()
              + ": "
              + String.join(",", hook.events())
              + " -> "
              + hook.url()
              + (hook.enabled() ? "" : " (disabled)"));
      ctx.println("signing secret: " + created.secret());
      ctx.println("store the secret now: it is not shown again");
    }
    return ExitCodes.OK;
  }
}
