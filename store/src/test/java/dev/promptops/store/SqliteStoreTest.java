package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.registry.Project;
import dev.promptops.core.store.Tx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only SQLite has: the file, its pragmas, and readers that never wait for the writer. */
class SqliteStoreTest {
  @TempDir Path tmp;
  final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void createsTheDataDirectoryAndTheFile() {
    Path dir = tmp.resolve("data/nested");

    try (JdbcStore store = Stores.sqlite(dir)) {
      assertThat(dir.resolve("promptops.db")).exists();
      assertThat(store.dialect()).isEqualTo(Dialect.SQLITE);
      assertThat(store.describe())
          .isEqualTo("sqlite:" + dir.toAbsolutePath().resolve("promptops.db"));
    }
  }

  @Test
  void connectionsUseWalForeignKeysNormalSyncAndABusyTimeout() {
    try (JdbcStore store = Stores.sqlite(tmp)) {
      store
          .jdbi()
          .useHandle(
              h -> {
                assertThat(pragma(h, "journal_mode")).isEqualTo("wal");
                assertThat(pragma(h, "foreign_keys")).isEqualTo("1");
                assertThat(pragma(h, "synchronous")).isEqualTo("1");
                assertThat(pragma(h, "busy_timeout")).isEqualTo("10000");
              });
    }
  }

  @Test
  void foreignKeysAreEnforced() {
    try (JdbcStore store = Stores.sqlite(tmp)) {
      assertThatThrownBy(
              () ->
                  store
                      .jdbi()
                      .useHandle(
                          h ->
                              h.execute(
                                  "INSERT INTO environments (project, name, position) VALUES ('nope', 'dev', 0)")))
          .hasStackTraceContaining("FOREIGN KEY");
    }
  }

  @Test
  void opensAFileNamedByAJdbcUrl() {
    Path file = tmp.resolve("elsewhere/my.db");

    try (JdbcStore store = Stores.open("jdbc:sqlite:" + file, null, null)) {
      store.write(
          (Tx tx) -> {
            tx.projects().insert(new Project("shop", "", List.of("dev"), StoreContract.T0, "a"));
            return null;
          });
    }
    try (JdbcStore store = Stores.open("jdbc:sqlite:file:" + file, "ignored", "ignored")) {
      assertThat(store.read((Tx tx) -> tx.projects().find("shop"))).isPresent();
    }
  }

  @Test
  void refusesUrlsItCannotServe() {
    for (String url :
        List.of(
            "jdbc:sqlite::memory:",
            "jdbc:sqlite:",
            "jdbc:sqlite:" + tmp.resolve("x.db") + "?journal_mode=delete",
            "jdbc:mysql://localhost/promptops")) {
      assertThatThrownBy(() -> Stores.open(url, null, null))
          .as(url)
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> assertThat(e.code()).isEqualTo("unsupported_database"));
    }
  }

  @Test
  void aDataDirectoryThatCannotBeCreatedIsAClearError() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");

    assertThatThrownBy(() -> Stores.sqlite(file.resolve("data")))
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
              assertThat(e.getMessage()).startsWith("cannot create the data directory");
            });
  }

  @Test
  void aFileThatIsNotADatabaseIsAClearError() throws Exception {
    Files.writeString(
        tmp.resolve("promptops.db"), "this is not a SQLite file, not at all ".repeat(50));

    assertThatThrownBy(() -> Stores.sqlite(tmp))
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
              assertThat(e.getMessage()).contains(tmp.resolve("promptops.db").toString());
            });
  }

  @Test
  void readersDoNotWaitForAnOpenWriteTransaction() throws Exception {
    try (JdbcStore store = Stores.sqlite(tmp)) {
      var inside = new CountDownLatch(1);
      var release = new CountDownLatch(1);
      var writer =
          CompletableFuture.runAsync(
              () ->
                  store.write(
                      (Tx tx) -> {
                        tx.projects()
                            .insert(new Project("shop", "", List.of("dev"), StoreContract.T0, "a"));
                        inside.countDown();
                        await(release);
                        return null;
                      }),
              threads);
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

      var seen =
          CompletableFuture.supplyAsync(() -> store.read((Tx tx) -> tx.projects().list()), threads);

      assertThat(seen.get(5, TimeUnit.SECONDS))
          .as("the uncommitted project is invisible")
          .isEmpty();
      release.countDown();
      writer.get(10, TimeUnit.SECONDS);
      assertThat(store.read((Tx tx) -> tx.projects().list())).hasSize(1);
    }
  }

  private static String pragma(org.jdbi.v3.core.Handle h, String name) {
    return h.createQuery("PRAGMA " + name).mapTo(String.class).one();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
