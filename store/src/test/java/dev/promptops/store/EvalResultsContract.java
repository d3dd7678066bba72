package dev.promptops.store;

import static dev.promptops.store.EvalFixtures.errored;
import static dev.promptops.store.EvalFixtures.queued;
import static dev.promptops.store.EvalFixtures.result;
import static dev.promptops.store.EvalFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.NotFoundException;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.Output;
import dev.promptops.core.json.Json;
import dev.promptops.core.store.EvalRepository.StoredResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Case results: appended in batches, numbered per run, paged by sequence, filtered, searched. */
abstract class EvalResultsContract extends EvalStoreContract {

  @BeforeEach
  void createRuns() {
    change(evals -> evals.create(queued("ev_1", "shop", T0)));
    change(evals -> evals.create(queued("ev_2", "other", T0)));
  }

  @Test
  void resultsRoundTripWithTheirAssertionsAndOutputs() {
    var results = List.of(result(0, true, "refund", "Here is your refund"), errored(1, "timeout"));
    append("ev_1", results);

    var back = page("ev_1", 0, 10, false, null);
    assertThat(back).extracting(StoredResult::seq).containsExactly(1L, 2L);
    assertThat(back.get(0).result()).usingRecursiveComparison().isEqualTo(results.get(0));
    assertThat(back.get(1).result()).usingRecursiveComparison().isEqualTo(results.get(1));
  }

  @Test
  void tenThousandResultsAppendedInBatchesComeBackInOrderEachOnce() {
    int total = 10_000;
    for (int from = 0; from < total; from += 250) {
      int start = from;
      // Another run's results between the batches keep their own numbering.
      append("ev_2", List.of(small(-1)));
      append("ev_1", IntStream.range(start, start + 250).mapToObj(EvalFixtures::small).toList());
    }

    var seqs = new ArrayList<Long>();
    var cases = new ArrayList<Integer>();
    long after = 0;
    List<StoredResult> page;
    while (!(page = page("ev_1", after, 333, false, null)).isEmpty()) {
      assertThat(page.size()).isLessThanOrEqualTo(333);
      page.forEach(
          r -> {
            seqs.add(r.seq());
            cases.add(r.result().caseIndex());
          });
      after = page.getLast().seq();
    }
    assertThat(seqs).isEqualTo(seqs(1, total));
    assertThat(cases).isEqualTo(IntStream.range(0, total).boxed().toList());
    assertThat(resultCount("ev_1")).isEqualTo(total);
    assertThat(resultCount("ev_2")).isEqualTo(total / 250);
    assertThat(page("ev_2", 0, 1000, false, null))
        .extracting(StoredResult::seq)
        .isEqualTo(seqs(1, total / 250));
    assertThat(resultCount("ev_404")).isZero();
  }

  @Test
  void failingOnlyGivesTheResultsThatDidNotPassOrErredInOrder() {
    var erredYetPassed =
        new CaseResult(
            "v", 4, 0, null, Json.object(), Output.failed("boom", 1), List.of(), true, 1);
    append(
        "ev_1",
        List.of(
            result(0, true, null, "ok"),
            result(1, false, null, "no"),
            errored(2, "timeout"),
            result(3, true, null, "ok"),
            erredYetPassed,
            result(5, false, null, "no")));

    assertThat(seqs(page("ev_1", 0, 100, true, null))).containsExactly(2L, 3L, 5L, 6L);
    assertThat(seqs(page("ev_1", 0, 2, true, null))).containsExactly(2L, 3L);
    assertThat(seqs(page("ev_1", 3, 2, true, null))).containsExactly(5L, 6L);
    assertThat(seqs(page("ev_1", 6, 2, true, null))).isEmpty();
  }

  @Test
  void searchMatchesNameVariablesOutputAndErrorIgnoringCaseWithWildcardsTakenLiterally() {
    append(
        "ev_1",
        List.of(
            result(0, true, "50% off", "ok"), // 1
            result(1, true, "500 off", "ok"), // 2
            result(2, false, "a_b code", "ok"), // 3
            result(3, true, "axb code", "ok"), // 4
            result(4, true, "wow!% deal", "ok"), // 5
            result(5, true, null, "Refund ISSUED to you"), // 6
            errored(6, "Timeout after 30 s"), // 7
            result(7, false, "back\\slash", "ok"))); // 8

    assertThat(search("50%")).containsExactly(1L);
    assertThat(search("50")).containsExactly(1L, 2L);
    assertThat(search("a_b")).containsExactly(3L);
    assertThat(search("_")).containsExactly(3L);
    assertThat(search("%")).containsExactly(1L, 5L);
    assertThat(search("!%")).containsExactly(5L);
    assertThat(search("\\s")).containsExactly(8L);
    assertThat(search("refund issued")).containsExactly(6L);
    assertThat(search("CUSTOMER 3")).as("a variable").containsExactly(4L);
    assertThat(search("customer: customer 3")).as("name and value").containsExactly(4L);
    assertThat(search("case 6")).as("the name of a case without description").containsExactly(6L);
    assertThat(search("timeout after")).as("the error").containsExactly(7L);
    assertThat(search("nowhere")).isEmpty();
    assertThat(search("")).hasSize(8);
    assertThat(seqs(page("ev_1", 0, 100, true, "code"))).containsExactly(3L);
    assertThat(seqs(page("ev_1", 3, 100, false, "code"))).containsExactly(4L);
    assertThat(seqs(page("ev_2", 0, 100, false, "50%"))).isEmpty();
  }

  @Test
  void resultsOfARunThatDoesNotExistAreRefused() {
    assertThatThrownBy(() -> append("ev_404", List.of(small(1))))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("'ev_404'");
    assertThat(rows("eval_results")).isZero();
  }

  @Test
  void aHundredThousandResultsArePagedInBoundedPages() {
    int total = 100_000;
    for (int from = 0; from < total; from += 2_000) {
      int start = from;
      append("ev_1", IntStream.range(start, start + 2_000).mapToObj(EvalFixtures::small).toList());
    }

    assertThat(countByPaging(false)).isEqualTo(total);
    assertThat(countByPaging(true)).as("every tenth fails").isEqualTo(total / 10);
    assertThat(resultCount("ev_1")).isEqualTo(total);
  }

  /** Pages through every result of ev_1, 1000 at a time, keeping none; checks the order. */
  long countByPaging(boolean failingOnly) {
    long count = 0;
    long after = 0;
    List<StoredResult> page;
    while (!(page = page("ev_1", after, 1_000, failingOnly, null)).isEmpty()) {
      for (StoredResult r : page) {
        assertThat(r.seq()).isGreaterThan(after);
        assertThat(r.result().caseIndex()).isEqualTo(r.seq() - 1);
        if (failingOnly) {
          assertThat(r.result().pass()).isFalse();
        }
        after = r.seq();
        count++;
      }
    }
    return count;
  }

  List<Long> search(String text) {
    return seqs(page("ev_1", 0, 100, false, text));
  }

  static List<Long> seqs(List<StoredResult> results) {
    return results.stream().map(StoredResult::seq).toList();
  }

  List<StoredResult> page(String run, long after, int limit, boolean failing, String search) {
    return read(evals -> evals.results(run, after, limit, failing, search));
  }

  void append(String run, List<CaseResult> results) {
    change(evals -> evals.appendResults(run, results));
  }

  /** Sequence numbers {@code from..to}. */
  static List<Long> seqs(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }
}
