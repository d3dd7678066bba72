package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.ConflictException;
import dev.promptops.core.registry.DeployOutcome;
import dev.promptops.core.registry.Deployments;
import dev.promptops.core.registry.PromptVersions;
import dev.promptops.core.registry.PushItem;
import dev.promptops.core.registry.PushResult;
import dev.promptops.core.registry.TargetKind;
import dev.promptops.core.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Many writers at once: write transactions serialise, compare-and-set lets exactly one win. */
abstract class ConcurrencyContract extends StoreContract {
  static final int THREADS = 32;

  @Test
  void thirtyTwoDeploysWithTheSameExpectedVersionLetExactlyOneWin() throws Exception {
    createShop();
    pushVersions("greet", THREADS + 1);
    deploy("greet", "production", 1, null);
    var before = rowCounts();

    List<Object> results = race(i -> () -> deploy("greet", "production", i + 2, 1));

    List<DeployOutcome> winners = successes(results);
    assertThat(winners).hasSize(1);
    assertThat(results).filteredOn(r -> r instanceof ConflictException).hasSize(THREADS - 1);
    assertThat(rowCounts())
        .containsEntry("deployments", before.get("deployments") + 1)
        .containsEntry("audit_log", before.get("audit_log") + 1);
    int pinned =
        store
            .read((Tx tx) -> tx.pins().find("shop", "greet", "production"))
            .orElseThrow()
            .version();
    assertThat(pinned).isEqualTo(winners.getFirst().version());
    assertThat(audit.verify(store).ok()).isTrue();
  }

  @Test
  void thirtyTwoFirstDeploysToAnEmptyTargetLetExactlyOneWin() throws Exception {
    createShop();
    pushVersions("greet", THREADS);
    var before = rowCounts();

    List<Object> results = race(i -> () -> deploy("greet", "canary", i + 1, null));

    assertThat(successes(results)).hasSize(1);
    assertThat(results).filteredOn(r -> r instanceof ConflictException).hasSize(THREADS - 1);
    assertThat(rowCounts())
        .containsEntry("pins", before.get("pins") + 1)
        .containsEntry("deployments", before.get("deployments") + 1);
    assertThat(audit.verify(store).ok()).isTrue();
  }

  @Test
  void concurrentPushesAllCommitWithAGaplessChain() throws Exception {
    createShop();

    List<Object> results =
        race(
            i ->
                () ->
                    versions()
                        .push(CI, "shop", List.of(new PushItem("p" + (i % 8), source(i))), ""));

    assertThat(results).allMatch(r -> r instanceof List<?>);
    List<Integer> versions =
        results.stream().map(r -> ((PushResult) ((List<?>) r).getFirst()).version()).toList();
    assertThat(versions).containsOnly(1, 2, 3, 4).hasSize(THREADS);
    var verification = audit.verify(store);
    assertThat(verification.ok()).isTrue();
    assertThat(verification.entries()).isEqualTo(THREADS + 1);
  }

  @Test
  void twoStoresOnOneDatabaseSerialiseTheirWritersToo() throws Exception {
    // Two stores are two server instances (or the server and a CLI) on one database: only the
    // database itself (BEGIN IMMEDIATE and the busy timeout, or the advisory lock) keeps them
    // apart.
    createShop();
    pushVersions("greet", THREADS + 1);
    deploy("greet", "production", 1, null);
    try (JdbcStore other = database.open()) {
      var stores = List.of(store, other);
      var before = rowCounts();

      List<Object> results =
          race(
              i ->
                  () ->
                      new Deployments(stores.get(i % 2), audit, clock)
                          .deploy(
                              ADMIN,
                              "shop",
                              "greet",
                              TargetKind.ENVIRONMENT,
                              "production",
                              i + 2,
                              1,
                              ""));
      List<Object> pushes =
          race(
              i ->
                  () ->
                      new PromptVersions(stores.get(i % 2), audit, clock)
                          .push(CI, "shop", List.of(new PushItem("q" + i, source(i))), ""));

      assertThat(successes(results)).hasSize(1);
      assertThat(results).filteredOn(r -> r instanceof ConflictException).hasSize(THREADS - 1);
      assertThat(pushes).allMatch(r -> r instanceof List<?>);
      assertThat(rowCounts())
          .containsEntry("deployments", before.get("deployments") + 1)
          .containsEntry("prompt_versions", before.get("prompt_versions") + THREADS)
          .containsEntry("audit_log", before.get("audit_log") + 1 + THREADS);
      assertThat(audit.verify(other).ok()).isTrue();
    }
  }

  /** Runs one task per thread, released together; returns each result or exception by index. */
  List<Object> race(IntFunction<Callable<?>> task) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      var ready = new CountDownLatch(THREADS);
      var go = new CountDownLatch(1);
      var futures = new ArrayList<Future<?>>();
      for (int i = 0; i < THREADS; i++) {
        Callable<?> work = task.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return work.call();
                }));
      }
      ready.await();
      go.countDown();
      var results = new ArrayList<Object>();
      for (Future<?> f : futures) {
        try {
          results.add(f.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          results.add(e.getCause());
        } catch (TimeoutException e) {
          throw new AssertionError("a writer did not finish within 60 s", e);
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<DeployOutcome> successes(List<Object> results) {
    return results.stream()
        .filter(r -> r instanceof DeployOutcome)
        .map(DeployOutcome.class::cast)
        .toList();
  }
}
