package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.server.TestServer;
import dev.promptops.store.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server instances on one PostgreSQL, as behind a load balancer (they share the data directory
 * for the master key and the audit signing key, as docs/audit.md asks of several servers): what one
 * writes, the other serves at once; concurrent deployments through both keep one linear ledger; the
 * audit log stays one valid chain.
 */
class TwoInstancesIT {
  static final String P = "/api/v1/projects/shop";
  static final String REPLY = P + "/prompts/support/reply";

  @TempDir Path dir;
  TestServer a;
  TestServer b;

  @BeforeEach
  void start() {
    var db = TestDatabases.postgresDatabase();
    a = TestServer.on(dir, db);
    b = TestServer.on(dir, db);
    a.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    for (int v = 1; v <= 3; v++) {
      var pushed =
          a.post(
              P + "/prompts",
              ADMIN_KEY,
              Map.of(
                  "prompts",
                  List.of(Map.of("name", "support/reply", "source", "Hello v" + v + "\n"))));
      assertThat(pushed.status()).as(pushed.text()).isIn(200, 201);
    }
  }

  @AfterEach
  void stop() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void aDeploymentThroughOneIsServedByTheOther() {
    assertThat(
            a.post(REPLY + "/-/deploy", ADMIN_KEY, LifecycleIT.deploy("staging", 2, null)).status())
        .isEqualTo(200);
    var seen = b.get(REPLY + "?env=staging", ADMIN_KEY);
    assertThat(seen.json().get("version").asInt()).isEqualTo(2);
    assertThat(b.post(REPLY + "/-/deploy", ADMIN_KEY, LifecycleIT.deploy("staging", 3, 2)).status())
        .isEqualTo(200);
    assertThat(a.get(REPLY + "?env=staging", ADMIN_KEY).json().get("version").asInt()).isEqualTo(3);
    assertThat(a.get(REPLY + "?env=staging", ADMIN_KEY).header("ETag"))
        .isEqualTo(b.get(REPLY + "?env=staging", ADMIN_KEY).header("ETag"));
  }

  @Test
  void concurrentDeploymentsThroughBothKeepOneLinearLedger() throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    try {
      Integer pinned = null;
      int rounds = 10;
      for (int round = 0; round < rounds; round++) {
        int next = pinned == null || pinned == 3 ? 1 : pinned + 1;
        Integer expected = pinned;
        var calls = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 8; i++) {
          TestServer through = i % 2 == 0 ? a : b;
          calls.add(
              () ->
                  through
                      .post(
                          REPLY + "/-/deploy",
                          ADMIN_KEY,
                          LifecycleIT.deploy("staging", next, expected))
                      .status());
        }
        var statuses = new ArrayList<Integer>();
        for (var f : pool.invokeAll(calls)) {
          statuses.add(f.get());
        }
        assertThat(statuses).as("round %d", round).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses)
            .as("round %d", round)
            .filteredOn(s -> s != 200)
            .allMatch(s -> s == 409);
        pinned = next;
      }
      var history =
          b.get(REPLY + "/-/history?env=staging&limit=100", ADMIN_KEY).json().get("deployments");
      assertThat(history).hasSize(rounds);
      for (int i = 0; i + 1 < history.size(); i++) {
        // newest first: each entry moved the pin from where the one before it left it
        assertThat(history.get(i).get("fromVersion").asInt())
            .as("ledger entry %d", i)
            .isEqualTo(history.get(i + 1).get("toVersion").asInt());
      }
      var verified = a.get("/api/v1/audit/verify", ADMIN_KEY);
      assertThat(verified.json().get("ok").asBoolean()).as(verified.text()).isTrue();
      assertThat(b.get("/api/v1/audit/verify", ADMIN_KEY).json().get("ok").asBoolean()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}
