package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.client.PromptOpsClient;
import dev.promptops.core.audit.AuditSigningKey;
import dev.promptops.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an auditor does with {@code promptops audit}: save the public key, export the log and its
 * checkpoints, verify them offline, and catch a tail removed together with its checkpoints against
 * the checkpoints they kept.
 */
class AuditCliIT {
  @TempDir Path data;
  @TempDir Path work;
  RunningServer server;
  CliRunner cli;

  @BeforeEach
  void start() {
    server = new RunningServer(data);
    try (var client =
        PromptOpsClient.builder(server.url()).apiKey(RunningServer.ADMIN_KEY).build()) {
      for (String name : List.of("shop", "blog", "wiki", "docs")) {
        client.createProject(name, null, null);
      }
    }
    cli =
        new CliRunner(work)
            .env("PROMPTOPS_URL", server.url())
            .env("PROMPTOPS_API_KEY", RunningServer.ADMIN_KEY);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anExportVerifiesOfflineAndATruncatedCopyDoesNot() throws IOException {
    assertThat(ok(cli.run("audit", "checkpoint")).out()).contains("signed checkpoint 1 (entry 5");
    ok(cli.run("keys", "create", "bot", "--role", "shop=viewer"));
    assertThat(ok(cli.run("audit", "checkpoint")).out()).contains("signed checkpoint 2 (entry 6");
    ok(cli.run("audit", "key", "-o", "key.pem"));
    var export =
        ok(cli.run("audit", "export", "--all", "-o", "audit.jsonl", "--checkpoints", "cp.jsonl"));
    assertThat(export.err())
        .contains("exported 2 checkpoints to cp.jsonl")
        .contains("exported 6 audit entries to audit.jsonl");
    assertThat(Files.readAllLines(work.resolve("audit.jsonl"))).hasSize(6);
    assertThat(Files.readAllLines(work.resolve("cp.jsonl"))).hasSize(2);

    var offline = verifyFile("audit.jsonl", "key.pem");
    assertThat(offline.code()).as(offline.toString()).isZero();
    assertThat(offline.out())
        .contains("audit chain intact: 6 entries")
        .contains("2 signed checkpoints verified, the latest covering entry #6");

    List<String> lines = Files.readAllLines(work.resolve("audit.jsonl"));
    Files.write(work.resolve("cut.jsonl"), lines.subList(0, 3));
    var cut = verifyFile("cut.jsonl", "key.pem");
    assertThat(cut.code()).isEqualTo(1);
    assertThat(cut.out())
        .contains("audit log TRUNCATED after entry #3")
        .contains("the log ends at entry 3 but checkpoint 2 signed entry 6")
        .contains("entries 4–6 were removed");

    Files.writeString(work.resolve("other.pem"), AuditSigningKey.generate().publicKey().pem());
    var otherKey = verifyFile("audit.jsonl", "other.pem");
    assertThat(otherKey.code()).isEqualTo(1);
    assertThat(otherKey.out()).contains("audit checkpoint INVALID").contains("not a trusted key");
  }

  @Test
  void theExportTakesTheFiltersOfTheLog() {
    var project = ok(cli.run("audit", "export", "--project", "shop"));
    assertThat(project.out().strip().split("\n")).hasSize(1);
    assertThat(project.out()).contains("\"project\":\"shop\"").contains("\"prevHash\"");
    var actions =
        ok(cli.run("audit", "export", "--all", "--action", "key.create", "--since", "1d"));
    assertThat(actions.out().strip().split("\n")).hasSize(1);
    var log = ok(cli.run("audit", "log", "--all", "--action", "project.create", "--until", "0s"));
    assertThat(log.out()).contains("project.create").contains("wiki").doesNotContain("key.create");
  }

  @Test
  void aTailRemovedWithItsCheckpointsShowsAgainstTheCheckpointsTheAuditorKept()
      throws SQLException {
    ok(cli.run("audit", "checkpoint"));
    ok(cli.run("audit", "key", "-o", "key.pem"));
    ok(cli.run("audit", "export", "--all", "-o", "kept.jsonl", "--checkpoints", "kept-cp.jsonl"));
    assertThat(ok(cli.run("audit", "verify", "--public-key", "key.pem")).out())
        .contains("audit chain intact: 5 entries");

    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Stores.SQLITE_FILE));
        Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER audit_log_no_delete");
      s.execute("DROP TRIGGER audit_checkpoints_no_delete");
      s.execute("DELETE FROM audit_log WHERE seq > 2");
      s.execute("DELETE FROM audit_checkpoints");
    }

    var serverSays = ok(cli.run("audit", "verify"));
    assertThat(serverSays.out())
        .as("the database alone looks consistent")
        .contains("audit chain intact: 2 entries")
        .contains("no signed checkpoint yet");
    var kept =
        cli.run(
            "audit", "verify", "--public-key", "key.pem", "--since-checkpoint", "kept-cp.jsonl");
    assertThat(kept.code()).as(kept.toString()).isEqualTo(1);
    assertThat(kept.out())
        .contains("audit log TRUNCATED after entry #2")
        .contains("entries 3–5 were removed");
  }

  private CliRunner.Result verifyFile(String file, String key) {
    return cli.run(
        "audit", "verify", "--file", file, "--checkpoints", "cp.jsonl", "--public-key", key);
  }

  private static CliRunner.Result ok(CliRunner.Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }
}
