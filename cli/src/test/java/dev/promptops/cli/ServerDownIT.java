package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that went away: every command that needs it exits 3 and says how to start one. */
class ServerDownIT {
  @TempDir Path data;
  @TempDir Path work;

  @Test
  void aStoppedServerGivesExitThree() {
    String url;
    try (var server = new RunningServer(data)) {
      url = server.url();
      var up = new CliRunner(work).env("PROMPTOPS_API_KEY", RunningServer.ADMIN_KEY);
      assertThat(up.run("whoami", "--server", url).code()).isZero();
    }

    var r =
        new CliRunner(work)
            .env("PROMPTOPS_URL", url)
            .env("PROMPTOPS_API_KEY", RunningServer.ADMIN_KEY)
            .run("projects");

    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.err())
        .contains("error: cannot reach the PromptOps server at " + url)
        .contains("hint: start it with ./promptops server, or pass --server");
  }
}
