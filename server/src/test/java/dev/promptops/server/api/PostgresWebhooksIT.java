package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.provider.MasterKey;
import dev.promptops.server.ServerConfig;
import dev.promptops.server.TestServer;
import dev.promptops.server.api.WebhooksIT.Received;
import dev.promptops.server.api.WebhooksIT.Receiver;
import dev.promptops.store.TestDatabases;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two servers on one PostgreSQL share the outbox: each delivery is sent by one of them, once. */
class PostgresWebhooksIT {
  @TempDir Path dir;

  @Test
  void twoServersOnOneDatabaseSendEachDeliveryOnce() throws Exception {
    byte[] key = new byte[MasterKey.BYTES];
    new SecureRandom().nextBytes(key);
    var env = new HashMap<>(WebhooksIT.FAST);
    env.put(MasterKey.ENV, Base64.getEncoder().encodeToString(key));
    var db = TestDatabases.postgresDatabase();
    try (var receiver = Receiver.start();
        var a = TestServer.start(config(dir.resolve("a"), db, env));
        var b = TestServer.start(config(dir.resolve("b"), db, env))) {
      WebhooksIT.ok(a.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop")));
      var hook =
          WebhooksIT.ok(
                  b.post(
                      WebhooksIT.W,
                      ADMIN_KEY,
                      Map.of("url", receiver.url(), "events", List.of("*"))))
              .json();
      String ping = WebhooksIT.W + "/" + WebhooksIT.id(hook) + "/ping";
      for (int i = 0; i < 20; i++) {
        WebhooksIT.ok((i % 2 == 0 ? a : b).post(ping, ADMIN_KEY, Map.of()));
      }

      receiver.await(20);
      Thread.sleep(500);
      Map<String, Long> sends =
          receiver.received().stream()
              .collect(Collectors.groupingBy(Received::delivery, Collectors.counting()));
      assertThat(sends).hasSize(20);
      assertThat(sends.values()).containsOnly(1L);
      assertThat(receiver.received().stream().map(Received::body)).doesNotHaveDuplicates();
    }
  }

  private static ServerConfig config(
      Path data, TestDatabases.Database db, Map<String, String> env) {
    return new ServerConfig(
            "127.0.0.1", 0, data, db.jdbcUrl(), db.user(), db.password(), 64 * 1024, ADMIN_KEY)
        .withEnvironment(env);
  }
}
