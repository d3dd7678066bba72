package dev.promptops.core.eval.report;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.promptops.core.eval.AssertionResult;
import dev.promptops.core.eval.AssertionSpec;
import dev.promptops.core.eval.AssertionType;
import dev.promptops.core.eval.CaseRef;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.GateVerdict;
import dev.promptops.core.eval.MetricSummary;
import dev.promptops.core.eval.Output;
import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.VariantSummary;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.Usage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** A small run with a failing case, an error, a repetition, a baseline and hostile text. */
final class Fixtures {
  static final String CANDIDATE = "support/reply@3 on openai/gpt-4o-mini";
  static final String BASELINE = "support/reply@2 on openai/gpt-4o-mini";

  /** What a model (or a suite author) might write to break a report. */
  static final String HOSTILE =
      "<script>alert('x')</script> ]]> \"quoted\" a|b & c\u0007bell\u0000nul\u001B[31m\nline 2";

  static final AssertionSpec CONTAINS_REFUND =
      AssertionSpec.of(AssertionType.CONTAINS, TextNode.valueOf("refund"));
  static final AssertionSpec RUBRIC =
      new AssertionSpec(
          AssertionType.LLM_RUBRIC, false, TextNode.valueOf("polite"), 0.7, 1, "tone", null);

  private Fixtures() {}

  static List<CaseResult> results() {
    return List.of(
        passing(CANDIDATE, 0, 0, "Refunds take five days."),
        passing(BASELINE, 0, 0, "Refunds take 5 days."),
        failing(),
        passing(BASELINE, 1, 0, "We will refund you."),
        passing(CANDIDATE, 1, 1, "You get a refund."),
        passing(BASELINE, 1, 1, "A refund is on its way."),
        result(
            CANDIDATE,
            2,
            0,
            null,
            Output.failed("provider openai failed: HTTP 503", 30000),
            List.of(),
            false,
            0),
        result(
            BASELINE,
            2,
            0,
            null,
            Output.text("no idea"),
            List.of(
                new AssertionResult(
                    CONTAINS_REFUND, false, 0, "output does not contain \"refund\"")),
            false,
            0));
  }

  /** Case 1 on the candidate: two failing assertions, hostile output and description. */
  static CaseResult failing() {
    var output =
        new Output(
            HOSTILE,
            null,
            List.of(),
            1234,
            new BigDecimal("0.0000132"),
            new Usage(16, 18),
            true,
            null);
    return result(
        CANDIDATE,
        1,
        0,
        "refund | policy\nsecond line",
        output,
        List.of(
            new AssertionResult(CONTAINS_REFUND, false, 0, "output does not contain \"refund\""),
            new AssertionResult(RUBRIC, false, 0.2, "rude: " + HOSTILE),
            new AssertionResult(AssertionSpec.of(AssertionType.IS_JSON, null), true, 1, "")),
        false,
        0.4);
  }

  static CaseResult passing(String variant, int index, int repeat, String text) {
    return result(
        variant,
        index,
        repeat,
        index == 0 ? "=cmd|' /C calc'!A0" : null,
        new Output(
            text,
            null,
            List.of(),
            120 + index,
            new BigDecimal("0.0001"),
            new Usage(10, 5),
            false,
            null),
        List.of(new AssertionResult(CONTAINS_REFUND, true, 1, "contains \"refund\"")),
        true,
        1);
  }

  static CaseResult result(
      String variant,
      int index,
      int repeat,
      String description,
      Output output,
      List<AssertionResult> assertions,
      boolean pass,
      double score) {
    var vars = Json.object().put("customer", "Ann").put("message", index == 1 ? HOSTILE : "Hi");
    return new CaseResult(
        variant, index, repeat, description, vars, output, assertions, pass, score);
  }

  static RunReport report() {
    var regression =
        new CaseRef(
            1,
            0,
            "refund | policy\nsecond line",
            0.4,
            1.0,
            "contains: output does not contain \"refund\"");
    var candidate =
        summary(
            CANDIDATE,
            false,
            4,
            2,
            1,
            0.6,
            1,
            List.of(regression),
            List.of(
                new CaseRef(2, 0, "case 3", 0, null, "provider openai failed: HTTP 503"),
                regression));
    var baseline = summary(BASELINE, true, 4, 3, 0, 0.75, 0, List.of(), List.of());
    return new RunReport(
        "ev_1",
        "support",
        "sha256:cd12",
        Instant.parse("2026-12-01T10:00:00Z"),
        Instant.parse("2026-12-01T10:01:02Z"),
        List.of(candidate, baseline),
        new GateVerdict(false, List.of("pass rate 50.0% < 95.0%", "1 regression > 0"), false),
        false,
        null);
  }

  static VariantSummary summary(
      String variant,
      boolean baseline,
      long cases,
      long passed,
      long errors,
      double mean,
      long regressionCount,
      List<CaseRef> regressions,
      List<CaseRef> worst) {
    int version = baseline ? 2 : 3;
    return new VariantSummary(
        variant,
        "support/reply",
        version,
        "sha256:ab" + version,
        "openai/gpt-4o-mini",
        baseline,
        cases,
        passed,
        errors,
        mean,
        Map.of(
            "contains",
            new MetricSummary("contains", cases, passed, passed),
            "tone",
            new MetricSummary("tone", 1, 0, 0.2)),
        new Usage(46, 33),
        new BigDecimal("0.0003132"),
        121,
        1234,
        1,
        regressionCount,
        regressions,
        worst,
        baseline ? null : BASELINE,
        baseline ? null : 0.75);
  }

  static ResultReader reader(List<CaseResult> results) {
    return results::iterator;
  }

  static String write(ReportWriter writer, RunReport report, ResultReader results) {
    var out = new StringWriter();
    try {
      writer.write(report, results, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * {@code n} results over {@code variants}, made up as they are read (never held): arrival order
   * scrambled, every fifth case failing, every 97th without an answer, hostile text throughout.
   * Counts how often it was opened and whether every iterator was closed.
   */
  static final class Generated implements ResultReader {
    final int n;
    final List<String> variants;
    int opened;
    int closed;

    Generated(int n, List<String> variants) {
      this.n = n;
      this.variants = variants;
    }

    @Override
    public Iterator<CaseResult> open() {
      opened++;
      return new Source();
    }

    CaseResult at(int i) {
      int j = (int) ((i * 7919L) % n);
      String variant = variants.get(j % variants.size());
      int index = j / variants.size();
      if (index % 97 == 0) {
        return result(
            variant,
            index,
            0,
            null,
            Output.failed("timeout " + HOSTILE, 60000),
            List.of(),
            false,
            0);
      }
      boolean pass = index % 5 != 0;
      var assertion =
          new AssertionResult(
              CONTAINS_REFUND, pass, pass ? 1 : 0, pass ? "ok" : "missing | refund " + HOSTILE);
      var output =
          new Output(
              "answer " + index + " " + HOSTILE,
              null,
              List.of(),
              index % 1000,
              null,
              new Usage(3, 4),
              false,
              null);
      return result(
          variant,
          index,
          0,
          "case " + index + " =1+1",
          output,
          List.of(assertion),
          pass,
          pass ? 1 : (index % 10) / 10.0);
    }

    private final class Source implements Iterator<CaseResult>, AutoCloseable {
      int next;

      @Override
      public boolean hasNext() {
        return next < n;
      }

      @Override
      public CaseResult next() {
        if (next >= n) {
          throw new NoSuchElementException();
        }
        return at(next++);
      }

      @Override
      public void close() {
        closed++;
      }
    }
  }
}
