package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.provider.MasterKey;
import dev.promptops.core.provider.MasterKeyFile;
import dev.promptops.core.provider.ProviderAccounts;
import dev.promptops.server.TestServer;
import dev.promptops.server.TestServer.Resp;
import dev.promptops.store.JdbcStore;
import dev.promptops.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider credentials over HTTP: write-only API keys, permissions, audit, restarts. */
class ProvidersIT {
  static final String P = "/api/v1/projects/shop/providers";
  static final String SECRET = "sk-proj-Hx7Lq2Wm9Rt4Yb6Nc1Vd8Sf3Gj5Kp0Za";

  @TempDir Path dir;
  final List<String> logs = new ArrayList<>();
  final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          synchronized (logs) {
            logs.add(r.getMessage() + " " + r.getThrown());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureLogs() {
    capture.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void releaseLogs() {
    Logger.getLogger("").removeHandler(capture);
  }

  static Map<String, Object> openai(String apiKey) {
    var body = new LinkedHashMap<String, Object>();
    body.put("type", "openai");
    body.put("timeoutSeconds", 30);
    body.put("maxRetries", 3);
    body.put("requestsPerMinute", 60);
    if (apiKey != null) {
      body.put("apiKey", apiKey);
    }
    return body;
  }

  static TestServer shop(Path dataDir) {
    var server = TestServer.sqlite(dataDir);
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    return server;
  }

  @Test
  void setGetListRemoveNeverAnswerTheKey() {
    try (var server = shop(dir)) {
      Resp set = server.put(P + "/openai", ADMIN_KEY, openai(SECRET));
      assertThat(set.status()).as(set.text()).isEqualTo(200);
      assertThat(set.json().get("hasSecret").asBoolean()).isTrue();
      assertThat(set.json().get("secretKeyId").asText()).hasSize(12);
      assertThat(set.json().get("timeoutSeconds").asInt()).isEqualTo(30);
      assertThat(set.json().get("apiKeyVariable").asText())
          .isEqualTo("PROMPTOPS_PROVIDER_OPENAI_API_KEY");
      assertThat(set.json().has("apiKey")).isFalse();

      Resp local =
          server.put(
              P + "/local",
              ADMIN_KEY,
              Map.of("type", "openai-compatible", "baseUrl", "http://127.0.0.1:8000/v1"));
      assertThat(local.json().get("hasSecret").asBoolean()).isFalse();
      assertThat(local.json().get("secretKeyId").isNull()).isTrue();

      Resp list = server.get(P, ADMIN_KEY);
      assertThat(list.json().get("providers").findValuesAsText("name"))
          .containsExactly("local", "openai");
      Resp one = server.get(P + "/openai", ADMIN_KEY);
      assertThat(one.json()).isEqualTo(set.json());

      Resp kept = server.put(P + "/openai", ADMIN_KEY, openai(null));
      assertThat(kept.json().get("hasSecret").asBoolean()).as("no apiKey keeps the key").isTrue();

      Resp removed = server.delete(P + "/openai", ADMIN_KEY);
      assertThat(removed.status()).isEqualTo(200);
      assertThat(server.get(P + "/openai", ADMIN_KEY).errorCode()).isEqualTo("provider_not_found");

      for (Resp r : List.of(set, local, list, one, kept, removed)) {
        assertThat(r.text()).doesNotContain(SECRET);
      }
    }
  }

  @Test
  void projectAdminsSetProvidersAndReadersOnlyReadThem() {
    try (var server = shop(dir)) {
      String admin = key(server, "shop-admin", "admin");
      String viewer = key(server, "viewer", "viewer");
      String editor = key(server, "editor", "editor");

      assertThat(server.put(P + "/openai", admin, openai(SECRET)).status()).isEqualTo(200);
      Resp refused = server.put(P + "/openai", editor, openai("sk-other-key-0123456789"));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(server.delete(P + "/openai", viewer).status()).isEqualTo(403);
      Resp read = server.get(P + "/openai", viewer);
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.text()).doesNotContain(SECRET);
      assertThat(read.json().get("updatedBy").asText()).isEqualTo("shop-admin");
    }
  }

  @Test
  void badBodiesAreRefusedWithoutEchoingTheKey() {
    try (var server = shop(dir)) {
      Resp unknown =
          server.put(P + "/openai", ADMIN_KEY, Map.of("type", "openai", "api_key", SECRET));
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.errorCode()).isEqualTo("unknown_field");
      assertThat(unknown.json().at("/error/message").asText())
          .isEqualTo("unknown field 'api_key' in the provider");

      Resp malformed =
          server.call(
              "PUT",
              P + "/openai",
              ADMIN_KEY,
              "{\"type\": \"openai\", \"apiKey\": " + SECRET + "}",
              Map.of());
      assertThat(malformed.errorCode()).isEqualTo("invalid_json");

      Resp credentialsInUrl =
          server.put(
              P + "/local",
              ADMIN_KEY,
              Map.of(
                  "type", "openai-compatible", "baseUrl", "https://u:" + SECRET + "@h.example/v1"));
      assertThat(credentialsInUrl.errorCode()).isEqualTo("invalid_base_url");

      Resp azure =
          server.put(
              P + "/azure",
              ADMIN_KEY,
              Map.of("type", "azure-openai", "baseUrl", "https://x.openai.azure.com"));
      assertThat(azure.errorCode()).isEqualTo("invalid_api_version");

      for (Resp r : List.of(unknown, malformed, credentialsInUrl, azure)) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.text()).doesNotContain(SECRET).doesNotContain(SECRET.substring(0, 12));
      }
      assertThat(server.get(P, ADMIN_KEY).json().get("providers")).isEmpty();
    }
  }

  @Test
  void theKeyReachesNeitherTheAuditLogNorTheConsoleNorTheLogs() {
    try (var server = shop(dir)) {
      server.put(P + "/openai", ADMIN_KEY, openai(SECRET));
      server.put(P + "/openai", ADMIN_KEY, openai(null));
      var slower = openai(null);
      slower.put("timeoutSeconds", 90);
      server.put(P + "/openai", ADMIN_KEY, slower);
      server.delete(P + "/openai", ADMIN_KEY);
      server.put(P + "/broken", ADMIN_KEY, "{\"type\":\"openai\",\"apiKey\":" + SECRET + "}");

      Resp audit = server.get("/api/v1/projects/shop/audit?action=provider.set", ADMIN_KEY);
      assertThat(audit.json().get("entries"))
          .as("setting the same settings again writes nothing")
          .hasSize(2);
      assertThat(audit.json().at("/entries/0/details/secretChanged").asBoolean()).isTrue();
      assertThat(audit.json().at("/entries/1/details/secretChanged").asBoolean()).isFalse();
      assertThat(server.get("/api/v1/audit?project=shop", ADMIN_KEY).text())
          .contains("provider.remove")
          .doesNotContain(SECRET);
      assertThat(server.get("/api/v1/audit/verify", ADMIN_KEY).json().get("ok").asBoolean())
          .isTrue();
      assertThat(server.console())
          .contains("generated the master key")
          .contains(dir.resolve("master.key").toString())
          .doesNotContain(SECRET);
    }
    synchronized (logs) {
      assertThat(logs).isNotEmpty();
      assertThat(String.join("\n", logs)).doesNotContain(SECRET);
    }
  }

  @Test
  void aRestartWithTheSameKeyFileKeepsSecretsReadable() throws Exception {
    String keyId;
    try (var server = shop(dir)) {
      keyId =
          server.put(P + "/openai", ADMIN_KEY, openai(SECRET)).json().get("secretKeyId").asText();
    }
    String keyFile = Files.readString(dir.resolve("master.key"));

    try (var again = TestServer.sqlite(dir)) {
      assertThat(again.console()).isEmpty();
      Resp r = again.get(P + "/openai", ADMIN_KEY);
      assertThat(r.json().get("secretKeyId").asText()).isEqualTo(keyId);
    }

    assertThat(Files.readString(dir.resolve("master.key"))).isEqualTo(keyFile);
    try (JdbcStore store = Stores.sqlite(dir)) {
      var key = MasterKeyFile.load(dir, Map.of(), ProviderAccounts.storedKeyIds(store)).key();
      var accounts = new ProviderAccounts(store, new AuditLog(), Clock.systemUTC(), key, Map.of());
      assertThat(accounts.resolve("shop", "openai").apiKey()).isEqualTo(SECRET);
    }
  }

  @Test
  void aLostKeyFileStopsTheServerInsteadOfMakingANewKey() throws Exception {
    try (var server = shop(dir)) {
      server.put(P + "/openai", ADMIN_KEY, openai(SECRET));
    }
    Files.delete(dir.resolve("master.key"));

    assertThatThrownBy(() -> TestServer.sqlite(dir))
        .hasMessageContaining("master.key does not exist, but the database holds provider secrets");
    assertThat(dir.resolve("master.key")).doesNotExist();
  }

  @Test
  void anotherMasterKeyStartsWithAWarningNamingTheUnreadableSecrets() throws Exception {
    try (var server = shop(dir)) {
      server.put(P + "/openai", ADMIN_KEY, openai(SECRET));
    }
    MasterKey other = MasterKey.generate();
    String env = java.util.HexFormat.of().formatHex(new byte[32]);

    try (var server =
        TestServer.start(
            TestServer.config(dir, null).withEnvironment(Map.of("PROMPTOPS_MASTER_KEY", env)))) {
      assertThat(server.console())
          .contains("warning: the API keys of shop/openai (key ")
          .contains("start it with the original PROMPTOPS_MASTER_KEY or master.key");
      Resp reset = server.put(P + "/openai", ADMIN_KEY, openai("sk-new-key-0123456789abc"));
      assertThat(reset.json().get("secretKeyId").asText())
          .isEqualTo(MasterKey.parse(env, "test").id())
          .isNotEqualTo(other.id());
    }
  }

  private static String key(TestServer server, String name, String role) {
    Resp r =
        server.post("/api/v1/keys", ADMIN_KEY, Map.of("name", name, "roles", Map.of("shop", role)));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("secret").asText();
  }
}
