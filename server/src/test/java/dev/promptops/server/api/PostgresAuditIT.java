package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.audit.AuditKeyFile;
import dev.promptops.server.ServerConfig;
import dev.promptops.server.TestServer;
import dev.promptops.store.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several servers on one PostgreSQL: sharing the key file through {@value AuditKeyFile#ENV}, each
 * signs checkpoints the others verify; a server with a key of its own signs checkpoints they do not
 * trust, and says so.
 */
class PostgresAuditIT {
  @TempDir Path dir;
  final TestDatabases.Database db = TestDatabases.postgresDatabase();

  @Test
  void serversSharingTheKeyFileVerifyEachOthersCheckpoints() {
    try (var a = server(dir.resolve("a"), Map.of());
        var b = server(dir.resolve("b"), shared())) {
      for (int i = 1; i <= 9; i++) {
        var on = i % 2 == 0 ? a : b;
        assertThat(on.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "p" + i)).status())
            .isEqualTo(201);
      }
      assertThat(keyId(b)).isEqualTo(keyId(a));
      assertThat(b.post("/api/v1/audit/checkpoints", ADMIN_KEY, Map.of()).status()).isEqualTo(201);

      JsonNode cps = a.get("/api/v1/audit/checkpoints", ADMIN_KEY).json().get("checkpoints");
      assertThat(cps).extracting(c -> c.get("seq").asLong()).containsExactly(4L, 8L, 10L);
      for (var s : new TestServer[] {a, b}) {
        JsonNode v = s.get("/api/v1/audit/verify", ADMIN_KEY).json();
        assertThat(v.get("ok").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.get("checkpointedSeq").asLong()).isEqualTo(10);
      }
    }
  }

  @Test
  void aServerWithAKeyOfItsOwnSignsCheckpointsTheOthersDoNotTrust() {
    try (var a = server(dir.resolve("a"), Map.of());
        var loner = server(dir.resolve("c"), Map.of())) {
      assertThat(keyId(loner)).isNotEqualTo(keyId(a));
      loner.post("/api/v1/audit/checkpoints", ADMIN_KEY, Map.of());

      JsonNode v = a.get("/api/v1/audit/verify", ADMIN_KEY).json();
      assertThat(v.get("issue").asText()).isEqualTo("checkpoint");
      assertThat(v.get("problem").asText())
          .contains("is signed by key " + keyId(loner) + ", which is not a trusted key");
    }
  }

  private Map<String, String> shared() {
    return Map.of(AuditKeyFile.ENV, dir.resolve("a").resolve(AuditKeyFile.FILE_NAME).toString());
  }

  private TestServer server(Path data, Map<String, String> env) {
    var all = new java.util.HashMap<>(env);
    all.put("PROMPTOPS_AUDIT_CHECKPOINT_ENTRIES", "4");
    return TestServer.start(
        new ServerConfig(
            "127.0.0.1",
            0,
            data,
            db.jdbcUrl(),
            db.user(),
            db.password(),
            64 * 1024,
            ADMIN_KEY,
            all));
  }

  private static String keyId(TestServer s) {
    return s.get("/api/v1/audit/key", ADMIN_KEY).json().get("keyId").asText();
  }
}
