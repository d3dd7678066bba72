package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.registry.PromptVersions;
import dev.promptops.core.registry.RegistryCache;
import dev.promptops.core.registry.Selector;
import dev.promptops.core.store.ConsoleSessionRepository.StoredSession;
import dev.promptops.core.store.JobRepository.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What several servers on one database share: periodic jobs claimed once per period, console
 * sessions, and the registry generation that keeps their caches honest.
 */
abstract class ClusterContract extends StoreContract {
  static final Duration EVERY = Duration.ofSeconds(10);
  static final Duration LEASE = Duration.ofMinutes(1);

  boolean claim(String worker, Instant now) {
    return store.write(tx -> tx.jobs().claim("drift.evaluate", worker, now, EVERY, LEASE));
  }

  boolean finish(String worker, Instant now, String error) {
    return store.write(tx -> tx.jobs().finish("drift.evaluate", worker, now, error));
  }

  Job job() {
    return store.read(tx -> tx.jobs().list()).getFirst();
  }

  @Test
  void aJobRunsOncePerPeriodWhoeverAsks() {
    assertThat(claim("a", T0)).isTrue();
    assertThat(claim("b", T0)).isFalse();
    assertThat(finish("a", T0.plusSeconds(1), null)).isTrue();
    // done, but not due again before its period
    assertThat(claim("b", T0.plusSeconds(9))).isFalse();
    assertThat(claim("c", T0.plus(EVERY))).isTrue();
    assertThat(claim("a", T0.plus(EVERY))).isFalse();
    assertThat(finish("c", T0.plus(EVERY).plusSeconds(2), "boom")).isTrue();

    Job job = job();
    assertThat(job.runs()).isEqualTo(2);
    assertThat(job.lastOwner()).isEqualTo("c");
    assertThat(job.lastError()).isEqualTo("boom");
    assertThat(job.leaseOwner()).isNull();
    assertThat(job.nextRunAt()).isEqualTo(T0.plus(EVERY).plus(EVERY));
    assertThat(job.lastFinishedAt()).isEqualTo(T0.plus(EVERY).plusSeconds(2));
  }

  @Test
  void aRunHeldByADeadWorkerIsTakenOverWhenItsLeaseLapses() {
    assertThat(claim("a", T0)).isTrue();
    // due again after its period, but a still holds it
    assertThat(claim("b", T0.plus(LEASE).minusMillis(1))).isFalse();
    assertThat(claim("b", T0.plus(LEASE).plusMillis(1))).isTrue();
    assertThat(finish("a", T0.plus(LEASE).plusSeconds(1), null))
        .as("a's lease lapsed: its late end must not release b's run")
        .isFalse();
    assertThat(job().leaseOwner()).isEqualTo("b");
    assertThat(finish("b", T0.plus(LEASE).plusSeconds(2), null)).isTrue();
  }

  @Test
  void concurrentClaimsOfOneRunHaveOneWinner() throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    try {
      var calls = new ArrayList<Callable<Boolean>>();
      for (int i = 0; i < 16; i++) {
        String worker = "w" + i;
        calls.add(() -> claim(worker, T0));
      }
      int won = 0;
      for (var f : pool.invokeAll(calls)) {
        won += f.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
      assertThat(job().runs()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void consoleSessionsAreFoundByTokenHashAndExpire() {
    var s = new StoredSession("hash-1", "key-hash", "csrf-1", T0, T0);
    store.write(
        tx -> {
          tx.consoleSessions().insert(s);
          tx.consoleSessions().insert(new StoredSession("hash-2", "k2", "c2", T0, T0));
          return null;
        });
    assertThat(session("hash-1")).contains(s);
    store.write(
        tx -> {
          tx.consoleSessions().touch("hash-1", T0.plusSeconds(60));
          return null;
        });
    assertThat(session("hash-1").orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(60));
    int pruned = store.write(tx -> tx.consoleSessions().prune(T0.plusSeconds(1), T0));
    assertThat(pruned).isEqualTo(1);
    assertThat(session("hash-2")).isEmpty();
    boolean deleted = store.write(tx -> tx.consoleSessions().deleteOldest());
    assertThat(deleted).isTrue();
    int left = store.read(tx -> tx.consoleSessions().count());
    assertThat(left).isZero();
  }

  java.util.Optional<StoredSession> session(String tokenHash) {
    return store.read(tx -> tx.consoleSessions().find(tokenHash));
  }

  @Test
  void theRegistryGenerationRisesWithEveryChangeACacheDependsOnAndOnlyThen() {
    long start = generation();
    createShop();
    long created = generation();
    assertThat(created).isGreaterThan(start);
    pushVersions("hello", 2);
    long pushed = generation();
    assertThat(pushed).isGreaterThan(created);
    deploy("hello", "staging", 1, null);
    long deployed = generation();
    assertThat(deployed).isGreaterThan(pushed);
    keys().create(ADMIN, "ci", java.util.Map.of("shop", dev.promptops.core.auth.Role.VIEWER));
    long keyed = generation();
    assertThat(keyed).isGreaterThan(deployed);
    // work that no cache reads leaves it alone
    claim("a", T0);
    store.write(
        tx ->
            audit.append(
                tx, T0, "ci", "test.event", "shop", null, dev.promptops.core.json.Json.object()));
    assertThat(generation()).isEqualTo(keyed);
  }

  @Test
  void aWatcherHearsOfChangesMadeThroughAnotherStoreQuickly() throws Exception {
    createShop();
    pushVersions("hello", 2);
    var heard = new LinkedBlockingQueue<Long>();
    try (var other = database.open();
        var watch = store.watchRegistry(heard::add, Duration.ofMillis(200))) {
      long before = generation();
      deployStaging(other, 2, null);
      long after = other.read(tx -> tx.registryGeneration());
      assertThat(after).isGreaterThan(before);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      Long seen = 0L;
      while (seen != after && System.nanoTime() < deadline) {
        Long next = heard.poll(100, TimeUnit.MILLISECONDS);
        seen = next == null ? seen : next;
      }
      assertThat(seen).isEqualTo(after);
    }
  }

  @Test
  void aCachedResolutionIsDroppedByAChangeMadeThroughAnotherStore() throws Exception {
    createShop();
    pushVersions("hello", 2);
    deploy("hello", "staging", 1, null);
    var cache = new RegistryCache(100);
    var cached = new PromptVersions(store, audit, clock, cache);
    try (var other = database.open();
        var watch = store.watchRegistry(cache::observe, Duration.ofMillis(100))) {
      assertThat(resolveStaging(cached)).isEqualTo(1);
      assertThat(resolveStaging(cached)).isEqualTo(1);
      assertThat(cache.hits()).isEqualTo(1);
      deployStaging(other, 2, 1);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (resolveStaging(cached) != 2) {
        assertThat(System.nanoTime()).as("the cache never learnt of v2").isLessThan(deadline);
        Thread.sleep(20);
      }
      // a deployment through this store is seen at once, no waiting
      deployStaging(store, 1, 2);
      assertThat(resolveStaging(cached)).isEqualTo(1);
    }
  }

  /** Deploys v{@code version} of hello to staging through {@code through}. */
  void deployStaging(JdbcStore through, int version, Integer expected) {
    new dev.promptops.core.registry.Deployments(through, audit, clock)
        .deploy(
            ADMIN,
            "shop",
            "hello",
            dev.promptops.core.registry.TargetKind.ENVIRONMENT,
            "staging",
            version,
            expected,
            "because");
  }

  long generation() {
    return store.read(tx -> tx.registryGeneration());
  }

  static int resolveStaging(PromptVersions versions) {
    return versions
        .resolve(ADMIN, "shop", "hello", new Selector.Env("staging"))
        .version()
        .version();
  }

  static List<String> names(List<Job> jobs) {
    return jobs.stream().map(Job::name).toList();
  }
}
