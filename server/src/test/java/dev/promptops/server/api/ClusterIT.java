package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.providers.mock.Latency;
import dev.promptops.providers.mock.MockRule;
import dev.promptops.server.ServerConfig;
import dev.promptops.server.ServerProcess;
import dev.promptops.server.TestServer;
import dev.promptops.store.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server instances on one PostgreSQL, as behind a load balancer (they share the data
 * directory for the master key and the audit signing key, as docs/deployment.md asks): what one
 * writes the others serve within a second, through their caches; concurrent deployments through all
 * keep one linear ledger and one valid audit chain; periodic and scheduled work runs once whichever
 * are up; and a run held by an instance that is killed is finished by another.
 */
class ClusterIT {
  static final String P = "/api/v1/projects/shop";
  static final String REPLY = P + "/prompts/support/reply";

  @TempDir Path dir;
  final TestDatabases.Database db = TestDatabases.postgresDatabase();
  final List<AutoCloseable> started = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : started.reversed()) {
      c.close();
    }
  }

  TestServer instance(Map<String, String> env) {
    var config =
        new ServerConfig(
                "127.0.0.1",
                0,
                dir,
                db.jdbcUrl(),
                db.user(),
                db.password(),
                ServerConfig.DEFAULT_MAX_BODY,
                ADMIN_KEY)
            .withEnvironment(env);
    TestServer server = TestServer.start(config);
    started.add(server);
    return server;
  }

  /** Three instances that hear of changes only by notification: their re-check is a minute. */
  List<TestServer> three() {
    var env = Map.of("PROMPTOPS_REGISTRY_RECHECK", "60s");
    return List.of(instance(env), instance(env), instance(env));
  }

  static void pushThreeVersions(TestServer through) {
    LlmFixture.ok(through.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop")));
    for (int v = 1; v <= 3; v++) {
      LlmFixture.ok(
          through.post(
              P + "/prompts",
              ADMIN_KEY,
              Map.of(
                  "prompts",
                  List.of(Map.of("name", "support/reply", "source", "Hello v" + v + "\n")))));
    }
  }

  static int staging(TestServer on) {
    return on.get(REPLY + "?env=staging", ADMIN_KEY).json().path("version").asInt();
  }

  /** How long until {@code condition} held, failing after {@code limit}. */
  static Duration await(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - start).as("waited %s", limit).isLessThan(limit.toNanos());
      Thread.sleep(5);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  void aDeploymentThroughOneIsServedByTheOthersWithinASecond() throws Exception {
    var all = three();
    TestServer a = all.get(0);
    pushThreeVersions(a);
    LlmFixture.ok(a.post(REPLY + "/-/deploy", ADMIN_KEY, LifecycleIT.deploy("staging", 1, null)));
    for (TestServer s : all) {
      // twice: the second answer comes from the instance's cache
      assertThat(staging(s)).isEqualTo(1);
      assertThat(staging(s)).isEqualTo(1);
    }
    assertThat(metric(all.get(1), "promptops_registry_cache_total{result=\"hit\"}"))
        .isGreaterThan(0);

    for (int round = 0; round < 3; round++) {
      TestServer through = all.get(round);
      int from = round + 1;
      int to = round + 2 > 3 ? 1 : round + 2;
      LlmFixture.ok(
          through.post(REPLY + "/-/deploy", ADMIN_KEY, LifecycleIT.deploy("staging", to, from)));
      // read-your-writes on the instance that deployed, at once
      assertThat(staging(through)).isEqualTo(to);
      for (TestServer other : all) {
        Duration took = await(Duration.ofSeconds(1), () -> staging(other) == to);
        assertThat(took).as("v%d reached %s", to, other.url()).isLessThan(Duration.ofSeconds(1));
      }
    }
    assertThat(
            all.stream()
                .map(s -> s.get(REPLY + "?env=staging", ADMIN_KEY).header("ETag").orElseThrow())
                .distinct())
        .hasSize(1);
  }

  @Test
  void aRevokedKeyStopsWorkingOnEveryInstanceWithinASecond() throws Exception {
    var all = three();
    pushThreeVersions(all.get(0));
    JsonNode created =
        LlmFixture.ok(
                all.get(0)
                    .post(
                        "/api/v1/keys",
                        ADMIN_KEY,
                        Map.of("name", "ci", "roles", Map.of("shop", "viewer"))))
            .json();
    String secret = created.path("secret").asText();
    for (TestServer s : all) {
      assertThat(s.get(P + "/prompts", secret).status()).isEqualTo(200);
    }
    LlmFixture.ok(all.get(2).delete("/api/v1/keys/ci", ADMIN_KEY));
    for (TestServer s : all) {
      await(Duration.ofSeconds(1), () -> s.get(P + "/prompts", secret).status() == 401);
    }
  }

  @Test
  void aChangeWhoseNotificationIsLostIsServedAfterTheNextRecheck() throws Exception {
    TestServer a = instance(Map.of("PROMPTOPS_REGISTRY_RECHECK", "300ms"));
    TestServer b = instance(Map.of("PROMPTOPS_REGISTRY_RECHECK", "300ms"));
    pushThreeVersions(a);
    LlmFixture.ok(a.post(REPLY + "/-/deploy", ADMIN_KEY, LifecycleIT.deploy("staging", 1, null)));
    assertThat(staging(b)).isEqualTo(1);
    assertThat(staging(b)).isEqualTo(1);
    // A change that notifies no one (as when a notification is lost): the pin moves with the
    // triggers off, and the generation is raised by hand, without NOTIFY.
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      s.executeUpdate(
          "UPDATE pins SET version = 3 WHERE project = 'shop' AND prompt = 'support/reply'"
              + " AND target = 'staging'");
      s.executeUpdate("UPDATE registry_generation SET value = value + 1");
    }
    Duration took = await(Duration.ofSeconds(3), () -> staging(b) == 3);
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void concurrentDeploymentsThroughEveryInstanceKeepOneLinearLedger() throws Exception {
    var all = three();
    pushThreeVersions(all.get(0));
    var pool = Executors.newFixedThreadPool(9);
    try {
      Integer pinned = null;
      int rounds = 10;
      for (int round = 0; round < rounds; round++) {
        int next = pinned == null || pinned == 3 ? 1 : pinned + 1;
        Integer expected = pinned;
        var calls = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 9; i++) {
          TestServer through = all.get(i % 3);
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
        assertThat(statuses).as("round %d", round).filteredOn(s -> s != 200).containsOnly(409);
        pinned = next;
      }
      var history =
          all.get(1)
              .get(REPLY + "/-/history?env=staging&limit=100", ADMIN_KEY)
              .json()
              .get("deployments");
      assertThat(history).hasSize(rounds);
      for (int i = 0; i + 1 < history.size(); i++) {
        // newest first: each entry moved the pin from where the one before it left it
        assertThat(history.get(i).get("fromVersion").asInt())
            .as("ledger entry %d", i)
            .isEqualTo(history.get(i + 1).get("toVersion").asInt());
      }
      for (TestServer s : all) {
        var verified = s.get("/api/v1/audit/verify", ADMIN_KEY);
        assertThat(verified.json().get("ok").asBoolean()).as(verified.text()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void periodicJobsRunOncePerPeriodWithEveryInstanceUp() throws Exception {
    var env = Map.of("PROMPTOPS_DRIFT_EVERY", "1h", "PROMPTOPS_AUDIT_CHECKPOINT_MINUTES", "60");
    var all = List.of(instance(env), instance(env), instance(env));
    // every instance has polled a few times by now: each job is due once, at the first poll
    Thread.sleep(3000);
    for (TestServer s : all) {
      JsonNode jobs = LlmFixture.ok(s.get("/api/v1/jobs", ADMIN_KEY)).json();
      assertThat(jobs.path("jobs").findValuesAsText("name"))
          .containsExactly("audit.checkpoint", "drift.evaluate", "drift.prune");
      for (JsonNode job : jobs.path("jobs")) {
        assertThat(job.path("runs").asLong()).as(job.toString()).isEqualTo(1);
        assertThat(job.path("lastFinishedAt").isTextual()).as(job.toString()).isTrue();
      }
    }
    var names =
        all.stream()
            .map(s -> s.get("/healthz", null).json().path("instance").asText())
            .distinct()
            .toList();
    assertThat(names).hasSize(3);
  }

  @Test
  void aDueScheduleStartsOneRunWithEveryInstanceUp() throws Exception {
    try (var llm = LlmFixture.start(dir, db, Map.of())) {
      TestServer b = instance(Map.of());
      TestServer c = instance(Map.of());
      llm.deploy("hello", ExecutionIT.greeting("openai/gpt-4o-mini"));
      LlmFixture.ok(llm.server.put(P + "/suites/polite", ADMIN_KEY, Map.of("suite", suite(1))));
      LlmFixture.ok(
          b.put(
              P + "/drift/schedules",
              ADMIN_KEY,
              Map.of(
                  "schedules",
                  List.of(Map.of("suite", "polite", "environment", "production", "every", "1h")))));
      // due now, with three instances polling each second
      try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
          Statement s = conn.createStatement()) {
        s.executeUpdate("UPDATE drift_schedules SET next_run_at = 0");
      }
      await(Duration.ofSeconds(10), () -> runs(c).size() == 1);
      Thread.sleep(3000);
      assertThat(runs(b)).hasSize(1);
      assertThat(runs(b).get(0).path("status").asText()).isEqualTo("finished");
    }
  }

  @Test
  void killingTheInstanceThatHoldsARunLetsAnotherFinishIt() throws Exception {
    var lease = Map.of("PROMPTOPS_EVAL_LEASE", "2s");
    int cases = 12;
    String id;
    try (var llm = LlmFixture.start(dir, db, lease)) {
      llm.deploy("hello", ExecutionIT.greeting("openai/gpt-4o-mini"));
      llm.rules(
          MockRule.builder("slow")
              .reply("Hello!")
              .latency(Latency.fixed(Duration.ofSeconds(1)))
              .build());
      llm.server.close();
      // the doomed instance in a JVM of its own, the only one up when the run is queued
      var doomed = ServerProcess.start(db.jdbcUrl(), db.user(), db.password(), dir, lease);
      started.add(doomed);
      // one case at a time, each answer a second: the run lasts about twelve seconds
      var queued =
          doomed.post(
              P + "/evals",
              ADMIN_KEY,
              Map.of("suite", suite(cases), "name", "polite", "concurrency", 1));
      assertThat(queued.status()).as(queued.text()).isEqualTo(202);
      id = queued.json().path("id").asText();
      await(Duration.ofSeconds(20), () -> leaseOwner(id) != null);
      String first = leaseOwner(id);

      TestServer survivor = instance(lease);
      Thread.sleep(2500);
      assertThat(leaseOwner(id))
          .as(
              "the live holder keeps its run: %s",
              survivor.get(P + "/evals/" + id, ADMIN_KEY).text())
          .isEqualTo(first);
      doomed.kill();

      await(
          Duration.ofSeconds(30),
          () ->
              survivor
                  .get(P + "/evals/" + id, ADMIN_KEY)
                  .json()
                  .path("status")
                  .asText()
                  .equals("finished"));
      JsonNode run = survivor.get(P + "/evals/" + id, ADMIN_KEY).json();
      assertThat(run.at("/report/variants/0/cases").asInt()).isEqualTo(cases);
      assertThat(results(id)).as("each case stored once").isEqualTo(cases);
      assertThat(
              survivor
                  .get(P + "/evals/" + id + "/results?limit=100", ADMIN_KEY)
                  .json()
                  .path("results"))
          .hasSize(cases);
    }
  }

  static Map<String, Object> suite(int cases) {
    var list = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < cases; i++) {
      list.add(
          Map.of(
              "vars",
              Map.of("name", "P" + i),
              "assert",
              List.of(Map.of("type", "icontains", "value", "hello"))));
    }
    var suite = new HashMap<String, Object>();
    suite.put("prompts", List.of("hello"));
    suite.put("cases", list);
    return suite;
  }

  List<JsonNode> runs(TestServer on) {
    var runs = new ArrayList<JsonNode>();
    on.get(P + "/evals", ADMIN_KEY).json().path("runs").forEach(runs::add);
    return runs;
  }

  String leaseOwner(String run) {
    return query("SELECT worker FROM eval_runs WHERE id = '" + run + "'");
  }

  int results(String run) {
    return Integer.parseInt(
        query("SELECT COUNT(*) FROM eval_results WHERE run_id = '" + run + "'"));
  }

  String query(String sql) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static double metric(TestServer on, String series) {
    for (String line : on.get("/metrics", null).text().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).strip());
      }
    }
    return 0;
  }
}
