package dev.promptops.store;

import static dev.promptops.store.EvalFixtures.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresEvalsIT extends EvalsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }

  @Test
  void runsAreOrderedByIdByteByByteWhateverTheCollationOfTheColumn() {
    // A linguistic collation sorts 'a' before 'Z'; bytes sort 'Z' (0x5a) before 'a' (0x61).
    String collation = linguisticCollation();
    assumeTrue(collation != null, "no linguistic collation on this server");
    sql("ALTER TABLE eval_runs ALTER COLUMN id TYPE TEXT COLLATE \"" + collation + "\"");
    for (String id : List.of("ev_a", "ev_Z", "ev_B", "ev_b")) {
      change(evals -> evals.create(queued(id, "shop", T0)));
    }

    assertThat(idsOf(list("shop", query(null, null, null, null, null, 10))))
        .containsExactly("ev_b", "ev_a", "ev_Z", "ev_B");
    assertThat(idsOf(list("shop", query(null, null, null, null, "ev_a", 10))))
        .containsExactly("ev_Z", "ev_B");
    assertThat(claimAt("w", T0).orElseThrow().id()).isEqualTo("ev_B");
  }

  /** A collation of the server in which 'ev_a' sorts before 'ev_Z', or null. */
  String linguisticCollation() {
    return store
        .jdbi()
        .withHandle(
            h -> {
              for (String name :
                  h.createQuery(
                          "SELECT collname FROM pg_collation WHERE collname IN"
                              + " ('en-x-icu', 'und-x-icu', 'en_US.utf8', 'en_US')"
                              + " ORDER BY collname")
                      .mapTo(String.class)
                      .list()) {
                boolean before =
                    h.createQuery("SELECT 'ev_a' < 'ev_Z' COLLATE \"" + name + "\"")
                        .mapTo(Boolean.class)
                        .one();
                if (before) {
                  return name;
                }
              }
              return null;
            });
  }
}
