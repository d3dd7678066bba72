package dev.promptops.core.eval.engine;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.eval.AssertionContext;
import dev.promptops.core.eval.AssertionResult;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.Graders;
import dev.promptops.core.eval.Output;
import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.Scoring;
import dev.promptops.core.eval.Suite;
import dev.promptops.core.eval.TestCase;
import dev.promptops.core.eval.VariantSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a suite: every case on every variant, {@code repeat} times, at most {@code concurrency} case
 * runs at once, each on a virtual thread. Cases are read as they are needed and results are handed
 * to the sink as they arrive, so memory stays flat however many cases there are. Asked to stop, it
 * starts nothing new, lets the runs in flight finish, and reports what it has; a later run given
 * those results ({@link Run#previous()}) skips them and goes on (resume).
 */
public final class EvalEngine {
  private final Clock clock;

  public EvalEngine(Clock clock) {
    this.clock = clock;
  }

  /** Judges one assertion; {@code dev.promptops.core.eval.assertions.Assertions::evaluate}. */
  @FunctionalInterface
  public interface Evaluator {
    AssertionResult evaluate(AssertionSpec spec, AssertionContext context);
  }

  /**
   * One run.
   *
   * @param variants candidates and baselines; a baseline's {@code baselineFor} names its candidate
   * @param check validates each case as it is read (its assertions' values), throwing an {@code
   *     InvalidInputException} for a bad one: the run stops there
   * @param previous results of an interrupted run with the same id to go on from, or null
   * @param stop polled before each case run starts; true stops the run
   * @param resumeHint what the report tells a user to do to resume, should the run be stopped
   */
  public record Run(
      String id,
      Suite suite,
      List<PreparedVariant> variants,
      Evaluator evaluator,
      Consumer<TestCase> check,
      Graders graders,
      ResultSink sink,
      Progress progress,
      int concurrency,
      ResultReader previous,
      BooleanSupplier stop,
      String resumeHint) {

    public Run {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(suite, "suite");
      variants = List.copyOf(variants);
      Objects.requireNonNull(evaluator, "evaluator");
      check = check == null ? c -> {} : check;
      graders = graders == null ? Graders.none() : graders;
      sink = sink == null ? ResultSink.discard() : sink;
      progress = progress == null ? Progress.none() : progress;
      if (concurrency < 1) {
        throw new InvalidInputException(
            "invalid_concurrency",
            "concurrency must be at least 1: " + concurrency,
            "pass e.g. -j 16");
      }
      stop = stop == null ? () -> false : stop;
    }
  }

  public RunReport run(Run run) {
    Instant started = clock.instant();
    var state = new State(run);
    long total =
        run.suite().cases().size().isPresent()
            ? run.suite().cases().size().getAsLong() * run.variants().size() * run.suite().repeat()
            : -1;
    long skipped = state.resume();
    run.progress().start(total, skipped);
    RuntimeException failure = null;
    try {
      state.schedule();
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      run.sink().flush();
      run.progress().finish();
    }
    if (failure != null) {
      throw failure;
    }
    String interrupted =
        state.stopped.get()
            ? "interrupted after "
                + state.finished.get()
                + " case run(s)"
                + (total >= 0 ? " of " + total : "")
                + (run.resumeHint() == null ? "" : "; resume with " + run.resumeHint())
            : null;
    List<VariantSummary> summaries = state.summaries();
    return new RunReport(
        run.id(),
        run.suite().name(),
        run.suite().digest(),
        started,
        clock.instant(),
        summaries,
        Gates.verdict(run.suite().gate(), summaries, interrupted),
        interrupted != null,
        interrupted != null ? run.resumeHint() : null);
  }

  /** What one run keeps while it goes: per variant its totals, done set and regression pairing. */
  private final class State {
    private final Run run;
    private final Map<String, SummaryBuilder> builders = new LinkedHashMap<>();
    private final Map<String, Regressions> regressions = new HashMap<>();
    private final Map<String, String> candidateOfBaseline = new HashMap<>();
    private final Map<String, BitSet> done = new HashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong finished = new AtomicLong();

    State(Run run) {
      this.run = run;
      for (PreparedVariant v : run.variants()) {
        builders.put(v.id(), new SummaryBuilder(v));
      }
      for (PreparedVariant v : run.variants()) {
        if (v.baselineFor() != null) {
          SummaryBuilder candidate = builders.get(v.baselineFor());
          if (candidate == null) {
            throw new IllegalArgumentException("no candidate variant " + v.baselineFor());
          }
          candidate.comparedWith(builders.get(v.id()));
          regressions.put(v.baselineFor(), new Regressions(candidate));
          candidateOfBaseline.put(v.id(), v.baselineFor());
        }
      }
    }

    /** Feeds the results of the run being resumed into the totals; how many there were. */
    long resume() {
      if (run.previous() == null) {
        return 0;
      }
      long n = 0;
      Iterator<CaseResult> it = run.previous().open();
      try {
        while (it.hasNext()) {
          CaseResult r = it.next();
          if (builders.containsKey(r.variant()) && markDone(r)) {
            tally(r);
            n++;
          }
        }
      } finally {
        if (it instanceof AutoCloseable c) {
          closeQuietly(c);
        }
      }
      return n;
    }

    private boolean markDone(CaseResult r) {
      BitSet bits = done.computeIfAbsent(r.variant(), v -> new BitSet());
      int bit = r.caseIndex() * run.suite().repeat() + r.repeat();
      if (bits.get(bit)) {
        return false;
      }
      bits.set(bit);
      return true;
    }

    private boolean isDone(String variant, int caseIndex, int repeat) {
      BitSet bits = done.get(variant);
      return bits != null && bits.get(caseIndex * run.suite().repeat() + repeat);
    }

    void schedule() {
      var permits = new Semaphore(run.concurrency());
      var failure = new java.util.concurrent.atomic.AtomicReference<RuntimeException>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Iterator<TestCase> cases = run.suite().cases().open();
        try {
          outer:
          while (cases.hasNext()) {
            TestCase c = cases.next();
            run.check().accept(c);
            for (PreparedVariant v : run.variants()) {
              for (int r = 0; r < run.suite().repeat(); r++) {
                if (failure.get() != null) {
                  break outer;
                }
                if (run.stop().getAsBoolean()) {
                  stopped.set(true);
                  break outer;
                }
                if (isDone(v.id(), c.index(), r)) {
                  continue;
                }
                permits.acquireUninterruptibly();
                int repeat = r;
                pool.submit(
                    () -> {
                      try {
                        record(runOne(v, c, repeat));
                      } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                      } finally {
                        permits.release();
                      }
                    });
              }
            }
          }
        } finally {
          if (cases instanceof AutoCloseable closeable) {
            closeQuietly(closeable);
          }
        }
      }
      if (failure.get() != null) {
        throw failure.get();
      }
    }

    private CaseResult runOne(PreparedVariant v, TestCase c, int repeat) {
      Output output;
      try {
        output = v.runner().run(c);
      } catch (RuntimeException e) {
        output = Output.failed("the run failed: " + describe(e), 0);
      }
      if (output.failed()) {
        return result(v, c, repeat, output, List.of(), false, 0);
      }
      var context =
          new AssertionContext(output, c.vars(), v.runner().outputSchema(), run.graders());
      var results = new ArrayList<AssertionResult>();
      for (AssertionSpec spec : c.assertions()) {
        try {
          results.add(run.evaluator().evaluate(spec, context));
        } catch (PromptOpsException e) {
          Output graded =
              new Output(
                  output.text(),
                  output.json(),
                  output.outputErrors(),
                  output.latencyMillis(),
                  output.cost(),
                  output.usage(),
                  output.cached(),
                  spec.displayType() + " could not be graded: " + e.getMessage());
          return result(v, c, repeat, graded, results, false, 0);
        }
      }
      var verdict = Scoring.of(results, c.threshold());
      return result(v, c, repeat, output, results, verdict.pass(), verdict.score());
    }

    private CaseResult result(
        PreparedVariant v,
        TestCase c,
        int repeat,
        Output output,
        List<AssertionResult> assertions,
        boolean pass,
        double score) {
      return new CaseResult(
          v.id(), c.index(), repeat, c.description(), c.vars(), output, assertions, pass, score);
    }

    /** A new result: counted, stored, reported. */
    private void record(CaseResult r) {
      tally(r);
      run.sink().accept(r);
      finished.incrementAndGet();
      run.progress().result(r);
    }

    /** A result counted in the totals and paired for regressions. */
    private void tally(CaseResult r) {
      builders.get(r.variant()).add(r);
      Regressions asCandidate = regressions.get(r.variant());
      if (asCandidate != null) {
        asCandidate.add(r, false);
      }
      String candidate = candidateOfBaseline.get(r.variant());
      if (candidate != null) {
        regressions.get(candidate).add(r, true);
      }
    }

    List<VariantSummary> summaries() {
      return builders.values().stream().map(SummaryBuilder::build).toList();
    }
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // reading is over; nothing is lost by a failed close
    }
  }
}
