package dev.promptops.core.eval.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.AssertionResult;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.AssertionType;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.CaseSource;
import dev.promptops.core.eval.Gate;
import dev.promptops.core.eval.Output;
import dev.promptops.core.eval.PromptSource;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.Suite;
import dev.promptops.core.eval.TestCase;
import dev.promptops.core.eval.Variant;
import dev.promptops.core.eval.VariantSummary;
import dev.promptops.core.json.Json;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalEngineTest {
  @TempDir Path dir;

  /** An evaluator for tests: {@code contains} passes when the output contains the value. */
  static final EvalEngine.Evaluator CONTAINS =
      (spec, ctx) -> {
        boolean pass = ctx.output().text().contains(spec.value().asText());
        return new AssertionResult(spec, pass, pass ? 1 : 0, pass ? "" : "missing");
      };

  static TestCase testCase(int i, String expected) {
    var spec = AssertionSpec.of(AssertionType.CONTAINS, Json.object().textNode(expected));
    return new TestCase(i, null, Json.object().put("n", i), List.of(spec), null);
  }

  /** {@code n} cases, each expecting the output to contain "ok". */
  static CaseSource cases(int n) {
    var list = new ArrayList<TestCase>();
    for (int i = 0; i < n; i++) {
      list.add(testCase(i, "ok"));
    }
    return CaseSource.of(list);
  }

  static Suite suite(CaseSource cases, int repeat, Gate gate) {
    return new Suite(
        "t", null, null, List.of(), List.of(), cases, repeat, gate, null, null, "sha256:00");
  }

  static PreparedVariant variant(String id, Function<TestCase, Output> run, String baselineFor) {
    CaseRunner runner =
        new CaseRunner() {
          @Override
          public Output run(TestCase testCase) {
            return run.apply(testCase);
          }

          @Override
          public JsonNode outputSchema() {
            return null;
          }
        };
    var v = new Variant(id, new PromptSource.Inline(id, "x"), null, baselineFor != null);
    return new PreparedVariant(v, runner, id, null, "sha256:" + id, "mock/m", baselineFor);
  }

  static EvalEngine.Run run(Suite suite, List<PreparedVariant> variants, int concurrency) {
    return new EvalEngine.Run(
        "ev_t", suite, variants, CONTAINS, null, null, null, null, concurrency, null, null, null);
  }

  static VariantSummary summary(RunReport r, String id) {
    return r.variants().stream().filter(v -> v.variant().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void runsEveryCaseOnEveryVariantRepeatedWithinTheConcurrency() {
    var running = new AtomicInteger();
    var peak = new AtomicInteger();
    Function<TestCase, Output> slow =
        c -> {
          peak.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
          return Output.text(c.index() % 4 == 0 ? "no" : "ok");
        };
    var results = Collections.synchronizedList(new ArrayList<CaseResult>());
    var sink = new CollectingSink(results);
    var r =
        new EvalEngine(Clock.systemUTC())
            .run(
                new EvalEngine.Run(
                    "ev_t",
                    suite(cases(40), 2, Gate.DEFAULT),
                    List.of(variant("a", slow, null), variant("b", slow, null)),
                    CONTAINS,
                    null,
                    null,
                    sink,
                    null,
                    8,
                    null,
                    null,
                    null));

    assertThat(results).hasSize(160);
    assertThat(peak.get()).isLessThanOrEqualTo(8).isGreaterThan(1);
    VariantSummary a = summary(r, "a");
    assertThat(a.cases()).isEqualTo(80);
    assertThat(a.passed()).isEqualTo(60);
    assertThat(a.meanScore()).isEqualTo(0.75);
    assertThat(a.metrics().get("contains").passRate()).isEqualTo(0.75);
    assertThat(a.worst()).hasSize(10).allSatisfy(w -> assertThat(w.score()).isZero());
    assertThat(r.gate().pass()).isFalse();
    assertThat(r.gate().reasons()).contains("a: pass rate 75.0% < 100.0%");
    assertThat(sink.flushed).isTrue();
  }

  @Test
  void aFailedRunIsAnErrorAndTooManyErrorsAreAnInfrastructureFailure() {
    var v =
        variant(
            "a", c -> c.index() == 3 ? Output.failed("provider down", 5) : Output.text("ok"), null);
    var r =
        new EvalEngine(Clock.systemUTC())
            .run(run(suite(cases(10), 1, new Gate(0.5, null, Map.of(), null, 0)), List.of(v), 4));

    VariantSummary s = summary(r, "a");
    assertThat(s.errors()).isOne();
    assertThat(s.passed()).isEqualTo(9);
    assertThat(s.worst().getFirst().reason()).isEqualTo("provider down");
    assertThat(r.gate().pass()).isFalse();
    assertThat(r.gate().infrastructure()).isTrue();
    assertThat(r.gate().reasons()).containsExactly("1 case(s) got no answer (at most 0 allowed)");
  }

  @Test
  void casesThatPassedOnTheBaselineAndFailNowAreRegressions() {
    var candidate = variant("new", c -> Output.text(c.index() < 3 ? "no" : "ok"), null);
    var baseline =
        variant("old", c -> Output.text(c.index() == 0 || c.index() > 1 ? "ok" : "no"), "new");
    var gate = new Gate(null, null, Map.of(), 0, 0);

    var r =
        new EvalEngine(Clock.systemUTC())
            .run(run(suite(cases(20), 1, gate), List.of(candidate, baseline), 6));

    VariantSummary s = summary(r, "new");
    assertThat(s.regressionCount()).isEqualTo(2);
    assertThat(s.regressions()).extracting(c -> c.caseIndex()).containsExactly(0, 2);
    assertThat(s.regressions()).allSatisfy(c -> assertThat(c.baselineScore()).isEqualTo(1.0));
    assertThat(s.baselineVariant()).isEqualTo("old");
    assertThat(s.baselineMeanScore()).isEqualTo(0.95);
    assertThat(r.gate().reasons()).containsExactly("new: 2 regression(s) against old (at most 0)");
    assertThat(summary(r, "old").baseline()).isTrue();
  }

  @Test
  void aStoppedRunReportsWhatItHasAndAResumedOneFinishesWithoutRunningThemAgain() {
    Path file = dir.resolve("results.jsonl");
    var calls = new AtomicInteger();
    var v =
        variant(
            "a",
            c -> {
              calls.incrementAndGet();
              return Output.text("ok");
            },
            null);
    var suite = suite(cases(50), 1, Gate.DEFAULT);
    var started = new AtomicInteger();
    RunReport first;
    try (var sink = JsonlResults.append(file)) {
      first =
          new EvalEngine(Clock.systemUTC())
              .run(
                  new EvalEngine.Run(
                      "ev_t",
                      suite,
                      List.of(v),
                      CONTAINS,
                      null,
                      null,
                      sink,
                      null,
                      1,
                      null,
                      () -> started.incrementAndGet() > 20,
                      "promptops eval --resume ev_t"));
    }
    assertThat(first.interrupted()).isTrue();
    assertThat(first.gate().infrastructure()).isTrue();
    assertThat(first.gate().reasons().getFirst())
        .isEqualTo(
            "interrupted after 20 case run(s) of 50; resume with promptops eval --resume ev_t");
    assertThat(summary(first, "a").cases()).isEqualTo(20);

    RunReport second;
    try (var sink = JsonlResults.append(file)) {
      second =
          new EvalEngine(Clock.systemUTC())
              .run(
                  new EvalEngine.Run(
                      "ev_t",
                      suite,
                      List.of(v),
                      CONTAINS,
                      null,
                      null,
                      sink,
                      null,
                      4,
                      JsonlResults.reader(file),
                      null,
                      null));
    }
    assertThat(second.interrupted()).isFalse();
    assertThat(summary(second, "a").cases()).isEqualTo(50);
    assertThat(calls.get()).isEqualTo(50);
    var lines = new ArrayList<CaseResult>();
    JsonlResults.reader(file).open().forEachRemaining(lines::add);
    assertThat(lines).hasSize(50);
    assertThat(lines.stream().map(CaseResult::caseIndex).distinct()).hasSize(50);
    assertThat(second.gate().pass()).isTrue();
  }

  @Test
  void aBadCaseStopsTheRunWithItsError() {
    var v = variant("a", c -> Output.text("ok"), null);
    var run =
        new EvalEngine.Run(
            "ev_t",
            suite(cases(10), 1, Gate.DEFAULT),
            List.of(v),
            CONTAINS,
            c -> {
              if (c.index() == 4) {
                throw new InvalidInputException("invalid_assertion", "case 5: bad regex", "fix it");
              }
            },
            null,
            null,
            null,
            2,
            null,
            null,
            null);

    assertThatThrownBy(() -> new EvalEngine(Clock.systemUTC()).run(run))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("case 5: bad regex");
  }

  @Test
  void casesAreReadAsTheyAreNeeded() {
    var read = new AtomicInteger();
    var running = new AtomicInteger();
    var maxAhead = new AtomicInteger();
    CaseSource lazy =
        new CaseSource() {
          @Override
          public Iterator<TestCase> open() {
            return new Iterator<>() {
              int i;

              @Override
              public boolean hasNext() {
                return i < 10_000;
              }

              @Override
              public TestCase next() {
                read.incrementAndGet();
                maxAhead.accumulateAndGet(read.get() - done.get(), Math::max);
                return testCase(i++, "ok");
              }
            };
          }

          @Override
          public OptionalLong size() {
            return OptionalLong.empty();
          }
        };
    var v =
        variant(
            "a",
            c -> {
              running.incrementAndGet();
              done.incrementAndGet();
              return Output.text("ok");
            },
            null);

    var r =
        new EvalEngine(Clock.systemUTC()).run(run(suite(lazy, 1, Gate.DEFAULT), List.of(v), 16));

    assertThat(summary(r, "a").cases()).isEqualTo(10_000);
    assertThat(maxAhead.get()).as("cases read ahead of those done").isLessThanOrEqualTo(17);
  }

  @Test
  void resultsAreNotKeptOnceTheSinkHasThem() {
    int n = 100_000;
    var sampled = Collections.synchronizedList(new ArrayList<WeakReference<CaseResult>>());
    ResultSink sink =
        new ResultSink() {
          @Override
          public void accept(CaseResult result) {
            if (result.caseIndex() % 1_000 == 0) {
              sampled.add(new WeakReference<>(result));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    CaseSource generated =
        new CaseSource() {
          @Override
          public Iterator<TestCase> open() {
            return new Iterator<>() {
              int i;

              @Override
              public boolean hasNext() {
                return i < n;
              }

              @Override
              public TestCase next() {
                return testCase(i++, "ok");
              }
            };
          }

          @Override
          public OptionalLong size() {
            return OptionalLong.of(n);
          }
        };
    var r =
        new EvalEngine(Clock.systemUTC())
            .run(
                new EvalEngine.Run(
                    "ev_t",
                    suite(generated, 1, Gate.DEFAULT),
                    List.of(variant("a", c -> Output.text("ok " + "x".repeat(512)), null)),
                    CONTAINS,
                    null,
                    null,
                    sink,
                    null,
                    16,
                    null,
                    null,
                    null));

    assertThat(summary(r, "a").cases()).isEqualTo(n);
    assertThat(sampled).hasSize(n / 1_000);
    System.gc();
    long kept = sampled.stream().filter(w -> w.get() != null).count();
    assertThat(kept)
        .as("results still reachable after the run (the report keeps the worst few only)")
        .isLessThanOrEqualTo(SummaryBuilder.WORST_KEPT);
  }

  final AtomicInteger done = new AtomicInteger();

  static final class CollectingSink implements ResultSink {
    final List<CaseResult> results;
    volatile boolean flushed;

    CollectingSink(List<CaseResult> results) {
      this.results = results;
    }

    @Override
    public void accept(CaseResult result) {
      results.add(result);
    }

    @Override
    public void flush() {
      flushed = true;
    }

    @Override
    public void close() {}
  }
}
