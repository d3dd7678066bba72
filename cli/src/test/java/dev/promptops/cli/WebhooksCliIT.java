package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.registry.PushItem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code promptops webhook …} against a real server: the secret is printed once, by add. */
class WebhooksCliIT {
  static final String URL = "http://127.0.0.1:9/promptops";

  @TempDir Path data;
  @TempDir Path work;

  @Test
  void addListDeliveriesRemove() {
    try (var server = new RunningServer(data)) {
      var cli =
          new CliRunner(work)
              .env("PROMPTOPS_URL", server.url())
              .env("PROMPTOPS_API_KEY", RunningServer.ADMIN_KEY)
              .env("PROMPTOPS_PROJECT", "shop");
      try (var client =
          PromptOpsClient.builder(server.url()).apiKey(RunningServer.ADMIN_KEY).build()) {
        client.createProject("shop", null, null);
        var added =
            ok(cli.run("webhook", "add", URL, "--event", "version.created,deployment.created"));
        assertThat(added.out())
            .contains("added webhook wh_")
            .contains("version.created,deployment.created -> " + URL)
            .containsPattern("signing secret: whsec_[0-9a-f]{64}");
        String secret = added.out().replaceAll("(?s).*signing secret: (whsec_[0-9a-f]+).*", "$1");
        String id = added.out().replaceAll("(?s).*added webhook (wh_[0-9a-f]+).*", "$1");

        client.push(
            "shop",
            List.of(new PushItem("greet", "---\nmodel: openai/gpt-4o-mini\n---\nHi {{name}}\n")),
            null);
        var list = ok(cli.run("webhook", "list"));
        assertThat(list.out()).contains(id).contains(URL).contains("enabled");
        var deliveries = ok(cli.run("webhook", "deliveries", id));
        assertThat(deliveries.out()).contains("version.created");
        var json = ok(cli.run("webhook", "deliveries", id, "--output", "json"));
        assertThat(json.out()).contains("\"event\" : \"version.created\"");
        var removed = ok(cli.run("webhook", "rm", id));
        assertThat(removed.out()).contains("removed webhook " + id);
        assertThat(ok(cli.run("webhook", "list")).out()).contains("no webhooks in project shop");
        var gone = cli.run("webhook", "deliveries", id);
        assertThat(gone.code()).isEqualTo(2);
        assertThat(gone.err()).contains("no webhook '" + id + "'");
        for (var r : List.of(list, deliveries, json, removed)) {
          assertThat(r.out() + r.err()).doesNotContain(secret);
        }
        assertThat(server.console()).doesNotContain(secret);
      }
    }
  }

  private static CliRunner.Result ok(CliRunner.Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }
}
