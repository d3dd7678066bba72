package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.store.Tx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only PostgreSQL has: the advisory lock that serialises writers across instances. */
class PostgresStoreIT {
  final ExecutorService threads = Executors.newCachedThreadPool();
  TestDatabases.Database database;
  JdbcStore store;

  @BeforeEach
  void open() {
    database = TestDatabases.postgresDatabase();
    store = database.open();
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    store.close();
  }

  @Test
  void aWriteTransactionHoldsTheAdvisoryLockAndAReadDoesNot() {
    String locks =
        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            + " AND ((classid::bigint << 32) | objid::bigint) = "
            + Dialect.WRITE_LOCK;

    long duringWrite =
        store.write(
            (Tx tx) -> store.jdbi().withHandle(h -> h.createQuery(locks).mapTo(Long.class).one()));
    long duringRead =
        store.read(
            (Tx tx) -> store.jdbi().withHandle(h -> h.createQuery(locks).mapTo(Long.class).one()));

    assertThat(duringWrite).isEqualTo(1);
    assertThat(duringRead).isZero();
  }

  @Test
  void aSecondInstanceWaitsForTheLockInsteadOfFailing() throws Exception {
    var inside = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var first =
        CompletableFuture.runAsync(
            () ->
                store.write(
                    (Tx tx) -> {
                      inside.countDown();
                      await(release);
                      return null;
                    }),
            threads);
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    try (JdbcStore other = database.open()) {
      var second = CompletableFuture.supplyAsync(() -> other.write((Tx tx) -> "done"), threads);
      Thread.sleep(300);
      assertThat(second).as("the second writer waits for the first").isNotDone();

      release.countDown();
      first.get(10, TimeUnit.SECONDS);
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }
  }

  @Test
  void anUnreachableServerIsAClearErrorWithoutThePassword() {
    assertThatThrownBy(
            () -> Stores.open("jdbc:postgresql://127.0.0.1:1/promptops?password=hunter2", "x", "y"))
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
              assertThat(e.getMessage())
                  .startsWith("cannot open the database postgresql://127.0.0.1:1/promptops:")
                  .doesNotContain("hunter2");
            });
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
