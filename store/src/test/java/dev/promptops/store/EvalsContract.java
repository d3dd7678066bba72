package dev.promptops.store;

import static dev.promptops.store.EvalFixtures.REPLY;
import static dev.promptops.store.EvalFixtures.queued;
import static dev.promptops.store.EvalFixtures.report;
import static dev.promptops.store.EvalFixtures.uploaded;
import static dev.promptops.store.EvalFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.json.Json;
import dev.promptops.core.store.EvalRepository.EvalQuery;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stored evaluation runs: round trips, listing with filters and pages, finishing, cancelling. */
abstract class EvalsContract extends EvalStoreContract {

  @Test
  void aRunRoundTripsEveryFieldAndStaysInItsProject() {
    var run = queued("ev_1", "shop", T0.plusNanos(1_500_000));
    var done = uploaded("ev_2", "shop", T0, report("ev_2", variant(REPLY, 3, "sha256:03", false)));
    change(evals -> evals.create(run));
    change(evals -> evals.create(done));

    EvalRun back = find("shop", "ev_1").orElseThrow();
    assertThat(back.createdAt()).isEqualTo(T0.plusMillis(1));
    assertThat(back).usingRecursiveComparison().ignoringFields("createdAt").isEqualTo(run);
    assertThat(back.suite()).isEqualTo(run.suite());
    assertThat(text("SELECT suite FROM eval_runs WHERE id = 'ev_1'"))
        .as("the suite as JSON text")
        .isEqualTo(Json.write(run.suite()));
    assertThat(find("shop", "ev_2").orElseThrow()).usingRecursiveComparison().isEqualTo(done);
    assertThat(find("other", "ev_1")).isEmpty();
    assertThat(find("shop", "ev_404")).isEmpty();
  }

  @Test
  void runsAreListedNewestFirstInPagesThatNeitherRepeatNorSkip() {
    // Two ties in created_at, broken by id byte by byte ('Z' < 'a'), whatever the collation.
    var ids = List.of("ev_a", "ev_Z", "ev_m", "ev_c", "ev_b", "ev_x", "ev_y");
    var times = List.of(5, 5, 4, 3, 3, 2, 1);
    for (int i = 0; i < ids.size(); i++) {
      var run = queued(ids.get(i), "shop", T0.plusSeconds(times.get(i)));
      change(evals -> evals.create(run));
    }
    change(evals -> evals.create(queued("ev_o", "other", T0.plusSeconds(9))));

    assertThat(idsOf(list("shop", query(null, null, null, null, null, 100)))).isEqualTo(ids);
    var paged = new ArrayList<String>();
    String before = null;
    for (int page = 0; page < 4; page++) {
      var runs = list("shop", query(null, null, null, null, before, 3));
      assertThat(runs.size()).isLessThanOrEqualTo(3);
      paged.addAll(idsOf(runs));
      before = runs.isEmpty() ? before : runs.getLast().id();
    }
    assertThat(paged).isEqualTo(ids);
    assertThat(idsOf(list("other", query(null, null, null, null, null, 10))))
        .containsExactly("ev_o");
  }

  @Test
  void listFiltersByCandidatePromptVersionDigestAndStatus() {
    change(
        evals ->
            evals.create(
                uploaded(
                    "ev_1",
                    "shop",
                    T0,
                    report(
                        "ev_1",
                        variant(REPLY, 3, "sha256:03", false),
                        variant(REPLY, 2, "sha256:02", true)))));
    change(
        evals ->
            evals.create(
                uploaded(
                    "ev_2",
                    "shop",
                    T0.plusSeconds(1),
                    report("ev_2", variant("greet", 1, "sha256:g1", false)))));
    change(evals -> evals.create(queued("ev_3", "shop", T0.plusSeconds(2))));
    change(
        evals ->
            evals.create(
                uploaded(
                    "ev_4", "other", T0, report("ev_4", variant(REPLY, 3, "sha256:03", false)))));

    assertThat(ids(REPLY, null, null, null)).containsExactly("ev_1");
    assertThat(ids(REPLY, 3, null, null)).containsExactly("ev_1");
    assertThat(ids(REPLY, 3, "sha256:03", null)).containsExactly("ev_1");
    assertThat(ids(REPLY, 3, "sha256:g1", null)).isEmpty();
    assertThat(ids(null, null, "sha256:g1", null)).containsExactly("ev_2");
    // v2 ran only as the baseline: its run's gate says nothing about v2.
    assertThat(ids(REPLY, 2, null, null)).isEmpty();
    assertThat(ids(null, null, "sha256:02", null)).isEmpty();
    assertThat(ids(null, null, null, EvalStatus.QUEUED)).containsExactly("ev_3");
    assertThat(ids(null, null, null, EvalStatus.FINISHED)).containsExactly("ev_2", "ev_1");
    assertThat(ids("greet", null, null, EvalStatus.QUEUED)).isEmpty();
  }

  @Test
  void aBadQueryIsRefusedWithWhatToDo() {
    change(evals -> evals.create(queued("ev_o", "other", T0)));

    assertInvalid(query(null, 3, null, null, null, 10), "invalid_eval_query", "version 3");
    assertInvalid(query(null, null, null, null, null, 0), "invalid_limit", "1..1000: 0");
    assertInvalid(query(null, null, null, null, null, 1001), "invalid_limit", "1..1000: 1001");
    assertInvalid(query(null, null, null, null, "ev_404", 10), "invalid_cursor", "'ev_404'");
    assertInvalid(query(null, null, null, null, "ev_o", 10), "invalid_cursor", "'ev_o'");
    assertThatThrownBy(() -> read(evals -> evals.results("ev_o", 0, 1001, false, null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1..1000");
  }

  @Test
  void finishingWritesTheReportAndTheIndexAndReplacesThemWhenCalledAgain() {
    change(evals -> evals.create(queued("ev_1", "shop", T0)));
    claimAt("w1", T0);
    RunReport first = report("ev_1", variant(REPLY, 3, "sha256:03", false));
    change(evals -> evals.finish("ev_1", EvalStatus.INTERRUPTED, first, null, T0.plusSeconds(60)));

    EvalRun run = find("shop", "ev_1").orElseThrow();
    assertThat(run.status()).isEqualTo(EvalStatus.INTERRUPTED);
    assertThat(run.report()).usingRecursiveComparison().isEqualTo(first);
    assertThat(run.gatePassed()).isFalse();
    assertThat(run.finishedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(renew("ev_1", "w1", T0.plusSeconds(120))).isFalse();
    assertThat(ids(REPLY, 3, null, null)).containsExactly("ev_1");

    RunReport second = report("ev_1", variant(REPLY, 4, "sha256:04", false));
    change(evals -> evals.finish("ev_1", EvalStatus.FINISHED, second, null, T0.plusSeconds(90)));
    assertThat(ids(REPLY, 3, null, null)).isEmpty();
    assertThat(ids(REPLY, 4, null, EvalStatus.FINISHED)).containsExactly("ev_1");
  }

  @Test
  void aFailedRunKeepsItsErrorAndHasNoReport() {
    change(evals -> evals.create(queued("ev_1", "shop", T0)));
    change(
        evals ->
            evals.finish(
                "ev_1", EvalStatus.FAILED, null, "prompt greet@9 not found", T0.plusSeconds(1)));

    EvalRun run = find("shop", "ev_1").orElseThrow();
    assertThat(run.status()).isEqualTo(EvalStatus.FAILED);
    assertThat(run.error()).isEqualTo("prompt greet@9 not found");
    assertThat(run.report()).isNull();
    assertThat(run.gatePassed()).isNull();
    assertThat(rows("eval_run_variants")).isZero();
  }

  @Test
  void finishRefusesAStatusThatIsNoEndAndARunThatDoesNotExist() {
    change(evals -> evals.create(queued("ev_1", "shop", T0)));

    assertThatThrownBy(
            () -> change(evals -> evals.finish("ev_1", EvalStatus.RUNNING, null, null, T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not running: ev_1");
    assertThatThrownBy(
            () -> change(evals -> evals.finish("ev_404", EvalStatus.FAILED, null, "x", T0)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("'ev_404'");
    assertThat(find("shop", "ev_1").orElseThrow().status()).isEqualTo(EvalStatus.QUEUED);
  }

  @Test
  void cancellingMarksARunThatHasNotEndedInItsOwnProjectOnly() {
    change(evals -> evals.create(queued("ev_1", "shop", T0)));
    change(evals -> evals.create(queued("ev_2", "shop", T0)));
    change(evals -> evals.finish("ev_2", EvalStatus.FINISHED, report("ev_2"), null, T0));

    assertThat(cancel("other", "ev_1")).isFalse();
    assertThat(find("shop", "ev_1").orElseThrow().cancelRequested()).isFalse();
    assertThat(cancel("shop", "ev_1")).isTrue();
    assertThat(find("shop", "ev_1").orElseThrow().cancelRequested()).isTrue();
    assertThat(cancel("shop", "ev_2")).isFalse();
    assertThat(cancel("shop", "ev_404")).isFalse();
    // The worker that claims it sees the request.
    assertThat(claimAt("w", T0)).hasValueSatisfying(r -> assertThat(r.cancelRequested()).isTrue());
  }

  void assertInvalid(EvalQuery query, String code, String message) {
    assertThatThrownBy(() -> list("shop", query))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((PromptOpsException) e).code()).isEqualTo(code))
        .satisfies(e -> assertThat(((PromptOpsException) e).hint()).isNotBlank());
  }

  List<String> ids(String prompt, Integer version, String digest, EvalStatus status) {
    return idsOf(list("shop", query(prompt, version, digest, status, null, 100)));
  }
}
