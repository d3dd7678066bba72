package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.registry.PushItem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promptops drift} and {@code deploy --wait-confirmed} against a real server, with instances
 * simulated by posting reports the way the SDK does.
 */
class DriftCliIT {
  static final String GREET_1 = "---\nmodel: openai/gpt-4o-mini\n---\nHi {{name}}\n";
  static final String GREET_2 = "---\nmodel: openai/gpt-4o-mini\n---\nHello {{name}}!\n";

  @TempDir Path data;
  @TempDir Path work;

  @Test
  void repositoryDriftRuntimeDriftAndWaitingForConfirmation() throws Exception {
    var env =
        Map.of(
            "PROMPTOPS_DRIFT_GRACE", "1s",
            "PROMPTOPS_DRIFT_EVERY", "200ms");
    try (var server = new RunningServer(data, env);
        var client =
            PromptOpsClient.builder(server.url()).apiKey(RunningServer.ADMIN_KEY).build()) {
      var cli =
          new CliRunner(work)
              .env("PROMPTOPS_URL", server.url())
              .env("PROMPTOPS_API_KEY", RunningServer.ADMIN_KEY)
              .env("PROMPTOPS_PROJECT", "shop");
      client.createProject("shop", null, null);
      client.push("shop", List.of(new PushItem("greet", GREET_1)), null);
      client.push("shop", List.of(new PushItem("greet", GREET_2)), null);
      String v1 = client.version("shop", "greet", 1).digest();
      String v2 = client.version("shop", "greet", 2).digest();

      // files against what production runs
      Path prompts = Files.createDirectories(work.resolve("prompts"));
      Files.writeString(prompts.resolve("greet.prompt"), GREET_1);
      var notDeployed = cli.run("drift", "--env", "production", "--dir", "prompts");
      assertThat(notDeployed.code()).as(notDeployed.toString()).isEqualTo(1);
      assertThat(notDeployed.out()).contains("greet.prompt is not deployed to production");
      ok(cli.run("deploy", "greet@1", "--env", "production"));
      assertThat(ok(cli.run("drift", "--env", "production", "--dir", "prompts")).out())
          .contains("no drift: 1 prompt matches what production runs");
      Files.writeString(prompts.resolve("greet.prompt"), GREET_1.replace("Hi", "Hey"));
      var differs = cli.run("drift", "--env", "production", "--dir", "prompts");
      assertThat(differs.code()).isEqualTo(1);
      assertThat(differs.out()).contains("differs from greet@1 deployed to production");

      // no instance reports: waiting times out and says so
      var alone =
          cli.run(
              "deploy", "greet@2", "--env", "production", "--wait-confirmed", "--timeout", "1s");
      assertThat(alone.code()).as(alone.toString()).isEqualTo(1);
      assertThat(alone.out()).contains("no running instance has reported serving greet");

      // an instance still on v1, another on v2: the wait names the one that lags
      report(server.url(), "checkout-1", v2);
      report(server.url(), "checkout-2", v1);
      ok(cli.run("rollback", "greet", "--env", "production", "--to", "1"));
      var lagging =
          cli.run(
              "deploy", "greet@2", "--env", "production", "--wait-confirmed", "--timeout", "1s");
      report(server.url(), "checkout-1", v2);
      assertThat(lagging.code()).as(lagging.toString()).isEqualTo(1);
      assertThat(lagging.out()).contains("checkout-2 serves v1");

      // past the grace, checkout-2 is a stale incident
      Thread.sleep(1200);
      report(server.url(), "checkout-2", v1);
      var runtime = cli.run("drift", "--env", "production");
      assertThat(runtime.code()).as(runtime.toString()).isEqualTo(1);
      assertThat(runtime.out()).contains("checkout-2", "stale", "instance checkout-2 still serves");
      String number = runtime.out().replaceAll("(?s).*#(\\d+) open stale.*", "$1");
      assertThat(ok(cli.run("drift", "ack", number, "--note", "restarting it")).out())
          .contains("acknowledged by admin: restarting it");

      // it refreshes: the incident resolves and the deployment is confirmed
      report(server.url(), "checkout-2", v2);
      var confirmed = cli.run("deploy", "greet@2", "--env", "production", "--wait-confirmed");
      assertThat(confirmed.code()).as(confirmed.toString()).isZero();
      assertThat(confirmed.out())
          .contains("already points to v2")
          .contains("confirmed: 2 instances serve greet@2")
          .contains("checkout-1, checkout-2");
      assertThat(ok(cli.run("drift", "--env", "production")).out())
          .contains("no open incident in production");
      assertThat(ok(cli.run("drift", "incidents", "--state", "resolved")).out())
          .contains("resolved stale greet in production");

      // the snapshot an application bundles: what production runs
      assertThat(ok(cli.run("export", "--env", "production", "-o", "snap/prompts.json")).out())
          .contains("wrote snap/prompts.json: 1 prompt of shop in production");
      var snapshot = dev.promptops.client.sdk.Snapshot.read(work.resolve("snap/prompts.json"));
      assertThat(snapshot.names()).containsExactly("greet");
      assertThat(snapshot.environment()).isEqualTo("production");
      var unknownEnv = cli.run("export", "--env", "prod");
      assertThat(unknownEnv.code()).isEqualTo(2);
      assertThat(unknownEnv.err()).contains("project shop has no environment prod");

      // and the metrics say so, without a key
      try (var http = HttpClient.newHttpClient()) {
        var metrics =
            http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.headers().firstValue("Content-Type").orElse(""))
            .startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body())
            .contains("promptops_drift_incidents_open{kind=\"stale\"} 0")
            .containsPattern(
                "promptops_deployments_confirmed_total\\{environment=\"production\"} [1-9]")
            .containsPattern("promptops_deployment_convergence_seconds_count [1-9]");
      }
    }
  }

  /** What the SDK sends after serving greet once as {@code digest}. */
  static void report(String url, String instance, String digest) throws Exception {
    String now = Instant.now().toString();
    String body =
        """
        {"instance": {"id": "%s", "application": "checkout", "sdk": "test"},
         "served": [{"prompt": "greet", "environment": "production", "digest": "%s",
                     "count": 1, "firstSeen": "%s", "lastSeen": "%s"}]}
        """
            .formatted(instance, digest, now, now);
    try (var http = HttpClient.newHttpClient()) {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/api/v1/projects/shop/drift/reports"))
                  .header("Authorization", "Bearer " + RunningServer.ADMIN_KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
  }

  private static CliRunner.Result ok(CliRunner.Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }
}
