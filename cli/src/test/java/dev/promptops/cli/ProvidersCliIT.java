package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.client.PromptOpsClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code promptops provider …} against a real server: the key goes in and never comes out. */
class ProvidersCliIT {
  static final String SECRET = "sk-ant-api03-Pv5Lx8Qa2Ws6Ed1Rf7Tg3Yh9Uj4Ik0Ol";

  @TempDir Path data;
  @TempDir Path work;

  @Test
  void addListShowRemoveWithTheKeyFromStandardInput() {
    try (var server = new RunningServer(data)) {
      try (var client =
          PromptOpsClient.builder(server.url()).apiKey(RunningServer.ADMIN_KEY).build()) {
        client.createProject("shop", null, null);
      }
      var cli =
          new CliRunner(work)
              .env("PROMPTOPS_URL", server.url())
              .env("PROMPTOPS_API_KEY", RunningServer.ADMIN_KEY)
              .env("PROMPTOPS_PROJECT", "shop");
      var outputs = new ArrayList<CliRunner.Result>();

      outputs.add(
          ok(
              cli.stdin(SECRET + "\n")
                  .run(
                      "provider",
                      "add",
                      "anthropic",
                      "--type",
                      "anthropic",
                      "--api-key-stdin",
                      "--rpm",
                      "50")));
      outputs.add(
          ok(
              cli.stdin("")
                  .run(
                      "provider",
                      "add",
                      "local",
                      "--type",
                      "ollama",
                      "--base-url",
                      "http://127.0.0.1:11434")));
      outputs.add(ok(cli.stdin("").run("provider", "add", "openai-eu", "--type", "openai")));
      var list = ok(cli.run("provider", "list"));
      outputs.add(list);
      assertThat(list.out())
          .contains("anthropic  anthropic  (default)")
          .contains("stored (master key ")
          // a custom endpoint never takes a server-wide key from the environment
          .contains("local      ollama     http://127.0.0.1:11434  none")
          .contains(
              "openai-eu  openai     (default)               env PROMPTOPS_PROVIDER_OPENAI_EU_API_KEY");
      outputs.add(ok(cli.run("provider", "show", "anthropic", "--output", "json")));
      var audit = ok(cli.run("audit", "log", "--action", "provider.set"));
      outputs.add(audit);
      assertThat(audit.out()).contains("provider.set").contains("anthropic");
      var removed = ok(cli.run("provider", "remove", "anthropic"));
      outputs.add(removed);
      assertThat(removed.out()).contains("with its stored API key");
      var gone = cli.run("provider", "show", "anthropic");
      assertThat(gone.code()).isEqualTo(2);
      assertThat(gone.err()).contains("no provider 'anthropic' in project 'shop'");

      for (var r : outputs) {
        assertThat(r.out() + r.err()).doesNotContain(SECRET);
      }
      assertThat(server.console()).doesNotContain(SECRET);
    }
  }

  @Test
  void theServerCommandPassesItsEnvironmentToTheServer() {
    var ctx =
        new Context(
            work,
            Map.of("PROMPTOPS_MASTER_KEY", "k", "OPENAI_API_KEY", "sk-x", "HOME", work.toString()),
            null,
            null);
    var command = new ServerCommand(ctx);

    var config = command.config();

    assertThat(config.environment())
        .containsEntry("PROMPTOPS_MASTER_KEY", "k")
        .containsEntry("OPENAI_API_KEY", "sk-x");
    assertThat(config.toString()).doesNotContain("sk-x");
    assertThat(config.dataDir()).isEqualTo(work.resolve(".promptops"));
  }

  private static CliRunner.Result ok(CliRunner.Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }
}
