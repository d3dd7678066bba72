package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.audit.AuditCheckpoint;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditKeyFile;
import dev.promptops.core.audit.AuditPublicKey;
import dev.promptops.core.audit.AuditVerification;
import dev.promptops.core.audit.AuditVerifier;
import dev.promptops.core.json.Json;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.TestServer;
import dev.promptops.server.TestServer.Resp;
import dev.promptops.store.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail on a real server: the published key, checkpoints signed every N entries and on
 * demand, the JSON Lines export verified offline against them, and a tail removed directly in the
 * database reported by {@code GET /api/v1/audit/verify} as truncation.
 */
class AuditIT {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = startServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TestServer startServer() {
    return TestServer.start(
        TestServer.config(dir, null)
            .withEnvironment(Map.of("PROMPTOPS_AUDIT_CHECKPOINT_ENTRIES", "5")));
  }

  @Test
  void theServerPublishesTheKeyItKeepsInItsDataDirectory() {
    Resp key = server.get("/api/v1/audit/key", ADMIN_KEY);
    assertThat(key.status()).as(key.text()).isEqualTo(200);
    AuditPublicKey parsed = AuditPublicKey.parse(key.json().get("pem").asText(), "the answer");
    assertThat(parsed.id()).isEqualTo(key.json().get("keyId").asText());
    assertThat(AuditPublicKey.parse(key.json().get("publicKey").asText(), "base64"))
        .isEqualTo(parsed);
    assertThat(dir.resolve(AuditKeyFile.FILE_NAME)).exists();
    assertThat(server.console()).contains("generated the key that signs audit checkpoints");

    server.close();
    server = startServer();
    assertThat(server.get("/api/v1/audit/key", ADMIN_KEY).json().get("keyId").asText())
        .as("the same key after a restart")
        .isEqualTo(parsed.id());
  }

  @Test
  void checkpointsAreSignedEveryNEntriesAndOnDemand() {
    createProjects(11); // and the bootstrap key: 12 entries

    List<AuditCheckpoint> made = checkpoints();
    assertThat(made).extracting(AuditCheckpoint::seq).containsExactly(5L, 10L);

    Resp now = server.post("/api/v1/audit/checkpoints", ADMIN_KEY, Map.of());
    assertThat(now.status()).as(now.text()).isEqualTo(201);
    assertThat(now.json().at("/checkpoint/seq").asLong()).isEqualTo(12);
    Resp again = server.post("/api/v1/audit/checkpoints", ADMIN_KEY, Map.of());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("created").asBoolean()).isFalse();

    JsonNode v = server.get("/api/v1/audit/verify", ADMIN_KEY).json();
    assertThat(v.get("ok").asBoolean()).as(v.toString()).isTrue();
    assertThat(v.get("checkpoints").asLong()).isEqualTo(3);
    assertThat(v.get("checkpointedSeq").asLong()).isEqualTo(12);
  }

  @Test
  void aStoppingServerSignsTheHeadSoTheTailIsCoveredWhileItIsDown() {
    createProjects(2);
    assertThat(checkpoints()).isEmpty();

    server.close();
    server = startServer();

    assertThat(checkpoints()).extracting(AuditCheckpoint::seq).containsExactly(3L);
  }

  @Test
  void aCheckpointSettingThatIsNotANumberStopsTheStartWithTheFix() {
    var bad =
        TestServer.config(dir.resolve("other"), null)
            .withEnvironment(Map.of("PROMPTOPS_AUDIT_CHECKPOINT_MINUTES", "hourly"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(bad))
        .hasMessage("PROMPTOPS_AUDIT_CHECKPOINT_MINUTES must be a whole number, 0 or more: hourly");
    try (var store = Stores.sqlite(dir.resolve("other"))) {
      assertThat(store.read((dev.promptops.core.store.Tx tx) -> tx.keys().list()))
          .as("refused before the first admin key was created")
          .isEmpty();
    }
  }

  @Test
  void theExportIsJsonLinesThatVerifyOfflineAgainstTheCheckpoints() {
    createProjects(13);
    List<AuditCheckpoint> checkpoints = checkpoints();
    AuditPublicKey key = publicKey();

    Resp export = server.get("/api/v1/audit/export", ADMIN_KEY);
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Type")).hasValue(AuditRoutes.NDJSON);
    List<AuditEntry> entries = lines(export.text());
    assertThat(entries).hasSize(14);
    assertThat(entries.getLast().hash()).isEqualTo(entries.getLast().computeHash());

    AuditVerification v = new AuditVerifier(List.of(key)).verify(entries.iterator(), checkpoints);
    assertThat(v.ok()).as(v.problem()).isTrue();
    assertThat(v.checkpointedSeq()).isEqualTo(10);

    AuditVerification cut =
        new AuditVerifier(List.of(key)).verify(entries.subList(0, 7).iterator(), checkpoints);
    assertThat(cut.problem()).contains("the log ends at entry 7 but checkpoint 2 signed entry 10");
  }

  @Test
  void theExportTakesTheFiltersOfTheLog() {
    createProjects(3);

    Resp project = server.get("/api/v1/projects/p1/audit/export", ADMIN_KEY);
    assertThat(lines(project.text())).extracting(AuditEntry::project).containsExactly("p1");
    Resp actions = server.get("/api/v1/audit/export?action=key.create", ADMIN_KEY);
    assertThat(lines(actions.text())).extracting(AuditEntry::seq).containsExactly(1L);
    Resp after = server.get("/api/v1/audit/export?after=2", ADMIN_KEY);
    assertThat(lines(after.text())).extracting(AuditEntry::seq).containsExactly(3L, 4L);
  }

  @Test
  void verifyReportsATailRemovedInTheDatabaseAsTruncation() throws SQLException {
    createProjects(11);
    assertThat(server.post("/api/v1/audit/checkpoints", ADMIN_KEY, Map.of()).status())
        .isEqualTo(201);

    attack("DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq > 8");

    JsonNode v = server.get("/api/v1/audit/verify", ADMIN_KEY).json();
    assertThat(v.get("ok").asBoolean()).isFalse();
    assertThat(v.get("issue").asText()).isEqualTo("truncated");
    assertThat(v.get("brokenAt").asLong()).isEqualTo(9);
    assertThat(v.get("problem").asText())
        .startsWith("the log ends at entry 8 but checkpoint 3 signed entry 12 on ")
        .endsWith(": entries 9–12 were removed");
  }

  @Test
  void anExportThatFailsAfterItStartedEndsWithAnErrorLine() throws SQLException {
    createProjects(2);
    attack("ALTER TABLE audit_log RENAME TO audit_log_away");
    try {
      Resp export = server.get("/api/v1/audit/export", ADMIN_KEY);
      assertThat(export.status()).as("the status was sent before the failure").isEqualTo(200);
      String last = export.text().strip().lines().reduce((a, b) -> b).orElseThrow();
      assertThat(last).startsWith("{\"error\":{\"code\":\"storage_error\"");
    } finally {
      attack("ALTER TABLE audit_log_away RENAME TO audit_log");
    }
  }

  /** Runs SQL on the server's database directly, as someone with access to the file. */
  private void attack(String... statements) throws SQLException {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Stores.SQLITE_FILE));
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private void createProjects(int count) {
    for (int i = 1; i <= count; i++) {
      Resp r = server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "p" + i));
      assertThat(r.status()).as(r.text()).isEqualTo(201);
    }
  }

  private List<AuditCheckpoint> checkpoints() {
    Resp r = server.get("/api/v1/audit/checkpoints", ADMIN_KEY);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return Wire.list(r.json().get("checkpoints"), Wire::checkpoint);
  }

  private AuditPublicKey publicKey() {
    return AuditPublicKey.parse(
        server.get("/api/v1/audit/key", ADMIN_KEY).json().get("pem").asText(), "the answer");
  }

  private static List<AuditEntry> lines(String text) {
    return Arrays.stream(text.split("\n"))
        .filter(l -> !l.isEmpty())
        .map(
            l -> {
              try {
                return Wire.audit(Json.parse(l));
              } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + l, e);
              }
            })
        .toList();
  }
}
