package dev.promptops.store;

import static dev.promptops.store.EvalFixtures.queued;
import static dev.promptops.store.EvalFixtures.report;
import static dev.promptops.store.EvalFixtures.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Workers claiming runs: order, leases, takeover after a worker died, no run claimed twice. */
abstract class EvalClaimsContract extends EvalStoreContract {
  static final Duration LEASE = Duration.ofSeconds(30);

  @Test
  void theOldestQueuedRunIsClaimedFirstAndOnlyQueuedOrAbandonedRunsAreClaimed() {
    change(evals -> evals.create(queued("ev_a", "shop", T0.plusSeconds(2))));
    change(evals -> evals.create(queued("ev_b", "other", T0.plusSeconds(1))));
    change(evals -> evals.create(queued("ev_c", "shop", T0.plusSeconds(3))));
    change(evals -> evals.create(uploaded("ev_u", "shop", T0, report("ev_u"))));
    // A CLI streaming an upload: running, but under no worker's lease, so nobody's to take.
    var streaming = uploaded("ev_s", "shop", T0, report("ev_s"));
    change(evals -> evals.create(withStatus(streaming, EvalStatus.RUNNING)));

    Instant now = T0.plusSeconds(10);
    EvalRun first = claim("w1", now).orElseThrow();
    assertThat(first.id()).isEqualTo("ev_b");
    assertThat(first.status()).isEqualTo(EvalStatus.RUNNING);
    assertThat(first.startedAt()).isEqualTo(now);
    assertThat(first.project()).isEqualTo("other");
    assertThat(claim("w2", now).map(EvalRun::id)).contains("ev_a");
    assertThat(claim("w1", now).map(EvalRun::id)).contains("ev_c");
    assertThat(claim("w3", now)).isEmpty();
    assertThat(find("shop", "ev_s").orElseThrow().status()).isEqualTo(EvalStatus.RUNNING);
  }

  @Test
  void aRunWhoseLeaseExpiredIsTakenOverAndItsFormerWorkerCanRenewNoMore() {
    change(evals -> evals.create(queued("ev_1", "shop", T0)));
    assertThat(claim("w1", T0)).isPresent();

    assertThat(claim("w2", T0.plus(LEASE).minusMillis(1))).isEmpty();
    EvalRun taken = claim("w2", T0.plus(LEASE)).orElseThrow();
    assertThat(taken.id()).isEqualTo("ev_1");
    assertThat(taken.startedAt()).as("when it first started").isEqualTo(T0);

    assertThat(renew("ev_1", "w1", T0.plusSeconds(90))).isFalse();
    assertThat(renew("ev_1", "w2", T0.plusSeconds(90))).isTrue();
    assertThat(claim("w3", T0.plusSeconds(89))).isEmpty();
    assertThat(claim("w3", T0.plusSeconds(90)).map(EvalRun::id)).contains("ev_1");
    assertThat(renew("ev_404", "w3", T0.plusSeconds(200))).isFalse();
  }

  @Test
  void aFinishedRunIsNeverClaimedAgainEvenWhenItsLeaseWouldHaveExpired() {
    change(evals -> evals.create(queued("ev_1", "shop", T0)));
    assertThat(claim("w1", T0)).isPresent();
    change(evals -> evals.finish("ev_1", EvalStatus.FINISHED, report("ev_1"), null, T0));

    assertThat(claim("w2", T0.plusSeconds(3600))).isEmpty();
    assertThat(renew("ev_1", "w1", T0.plusSeconds(90))).isFalse();
  }

  @Test
  void workersOnTwoStoresClaimingAtOnceNeverGetTheSameRun() throws Exception {
    int runs = 40;
    for (int i = 0; i < runs; i++) {
      var run = queued("ev_" + i, i % 2 == 0 ? "shop" : "other", T0.plusMillis(i));
      change(evals -> evals.create(run));
    }
    var claimed = new ConcurrentLinkedQueue<String>();
    try (JdbcStore other = database.open()) {
      var stores = List.of(store, other);
      race(
          8,
          i ->
              () -> {
                // Each worker claims until nothing is left.
                Optional<EvalRun> run;
                while ((run = claimOn(stores.get(i % 2), "w" + i, T0)).isPresent()) {
                  claimed.add(run.get().id());
                }
                return null;
              });
    }

    assertThat(claimed).hasSize(runs);
    assertThat(new HashSet<>(claimed)).hasSize(runs);
    long held =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT COUNT(*) FROM eval_runs WHERE status = 'running'"
                                + " AND worker IS NOT NULL AND lease_until = :until")
                        .bind("until", T0.plus(LEASE).toEpochMilli())
                        .mapTo(Long.class)
                        .one());
    assertThat(held).isEqualTo(runs);
  }

  Optional<EvalRun> claim(String worker, Instant now) {
    return claimOn(store, worker, now);
  }

  static Optional<EvalRun> claimOn(JdbcStore on, String worker, Instant now) {
    return on.write((Tx tx) -> tx.evals().claim(worker, now, LEASE));
  }

  static EvalRun withStatus(EvalRun r, EvalStatus status) {
    return new EvalRun(
        r.id(),
        r.project(),
        r.suiteName(),
        r.suiteDigest(),
        r.suite(),
        r.options(),
        r.source(),
        status,
        r.createdBy(),
        r.createdAt(),
        r.startedAt(),
        null,
        null,
        null,
        false);
  }

  /** Runs {@code threads} tasks released together; rethrows the first failure. */
  static void race(int threads, IntFunction<Callable<?>> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      var go = new CountDownLatch(1);
      var futures = new ArrayList<Future<?>>();
      for (int i = 0; i < threads; i++) {
        Callable<?> work = task.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return work.call();
                }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
