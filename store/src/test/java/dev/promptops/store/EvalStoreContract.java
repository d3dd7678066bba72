package dev.promptops.store;

import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.store.EvalRepository;
import dev.promptops.core.store.EvalRepository.EvalQuery;
import dev.promptops.core.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;

/** The base of the eval contracts: projects {@code shop} and {@code other}, and helpers. */
abstract class EvalStoreContract extends StoreContract {

  @BeforeEach
  void createProjects() {
    createShop();
    projects().create(ADMIN, "other", "", List.of("production"));
  }

  static EvalQuery query(
      String prompt, Integer version, String digest, EvalStatus status, String before, int limit) {
    return new EvalQuery(prompt, version, digest, status, before, limit);
  }

  static List<String> idsOf(List<EvalRun> runs) {
    return runs.stream().map(EvalRun::id).toList();
  }

  List<EvalRun> list(String project, EvalQuery query) {
    return read(evals -> evals.list(project, query));
  }

  long rows(String table) {
    return store
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  /** The one text value {@code query} selects, read directly. */
  String text(String query) {
    return store.jdbi().withHandle(h -> h.createQuery(query).mapTo(String.class).one());
  }

  <T> T read(Function<EvalRepository, T> work) {
    return store.read((Tx tx) -> work.apply(tx.evals()));
  }

  <T> T write(Function<EvalRepository, T> work) {
    return store.write((Tx tx) -> work.apply(tx.evals()));
  }

  void change(Consumer<EvalRepository> work) {
    store.write(
        (Tx tx) -> {
          work.accept(tx.evals());
          return null;
        });
  }

  Optional<EvalRun> find(String project, String id) {
    return store.read((Tx tx) -> tx.evals().find(project, id));
  }

  /** Claims for {@code worker} with a lease of a minute. */
  Optional<EvalRun> claimAt(String worker, Instant now) {
    return store.write((Tx tx) -> tx.evals().claim(worker, now, Duration.ofMinutes(1)));
  }

  boolean renew(String id, String worker, Instant until) {
    return store.write((Tx tx) -> tx.evals().renew(id, worker, until));
  }

  boolean cancel(String project, String id) {
    return store.write((Tx tx) -> tx.evals().requestCancel(project, id));
  }

  long resultCount(String run) {
    return store.read((Tx tx) -> tx.evals().resultCount(run));
  }
}
