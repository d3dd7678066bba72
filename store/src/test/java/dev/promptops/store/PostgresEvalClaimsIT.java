package dev.promptops.store;

import static dev.promptops.store.EvalFixtures.queued;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.eval.EvalRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostgresEvalClaimsIT extends EvalClaimsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }

  @Test
  void aRunWhoseRowAnotherTransactionHoldsIsSkippedNotWaitedFor() throws Exception {
    change(evals -> evals.create(queued("ev_1", "shop", T0)));
    change(evals -> evals.create(queued("ev_2", "shop", T0.plusSeconds(1))));

    // A transaction of its own (outside the store, so without the advisory lock) holds ev_1.
    try (Connection c =
            DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SELECT id FROM eval_runs WHERE id = 'ev_1' FOR UPDATE");

      Optional<EvalRun> claimed =
          CompletableFuture.supplyAsync(() -> claim("w1", T0)).get(10, TimeUnit.SECONDS);
      assertThat(claimed.map(EvalRun::id)).contains("ev_2");
      c.rollback();
    }
    assertThat(claim("w2", T0).map(EvalRun::id)).contains("ev_1");
  }
}
