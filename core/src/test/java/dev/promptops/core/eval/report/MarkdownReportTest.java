package dev.promptops.core.eval.report;

import static dev.promptops.core.eval.report.Fixtures.CANDIDATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.eval.CaseRef;
import dev.promptops.core.eval.GateVerdict;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.VariantSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  private final String md = new MarkdownReport().render(Fixtures.report());

  @Test
  void theFirstLineIsTheVerdictAndWhy() {
    assertThat(md.lines().findFirst().orElseThrow())
        .isEqualTo("## ❌ Eval gate failed: pass rate 50.0% &lt; 95.0%; 1 regression &gt; 0");
    var passed = withGate(Fixtures.report(), new GateVerdict(true, List.of(), false));
    assertThat(new MarkdownReport().render(passed)).startsWith("## ✅ Eval gate passed\n");
    var infra = withGate(Fixtures.report(), new GateVerdict(false, List.of("12 errors > 0"), true));
    assertThat(new MarkdownReport().render(infra))
        .startsWith("## ⚠️ Eval gate failed (infrastructure: retry the run): 12 errors &gt; 0\n");
  }

  @Test
  void aTableRowPerVariant() {
    assertThat(md)
        .contains(
            "| Variant | Cases | Passed | Failed | Errors | Pass rate | Mean score | Δ vs baseline | Regressions | Cost | p50 | p95 |")
        .contains(
            "| support/reply@3 on openai/gpt-4o-mini | 4 | 2 | 1 | 1 | 50.0% | 0.600 | -0.150 | 1 | $0.000313 | 121 ms | 1.2 s |")
        .contains(
            "| support/reply@2 on openai/gpt-4o-mini (baseline) | 4 | 3 | 1 | 0 | 75.0% | 0.750 | - | - |");
  }

  @Test
  void regressionsAndWorstCasesWithTheirReasonsEscapedInsideCells() {
    assertThat(md)
        .contains("### Regressions: support/reply@3 on openai/gpt-4o-mini (1)")
        .contains(
            "| refund \\| policy second line | 0.400 | 1.000 | contains: output does not contain \"refund\" |")
        .contains("### Worst cases: support/reply@3 on openai/gpt-4o-mini")
        .contains("| case 3 | 0.000 | provider openai failed: HTTP 503 |")
        .contains("### Metrics");
    for (String line : md.lines().filter(l -> l.startsWith("|")).toList()) {
      assertThat(line).endsWith("|");
    }
  }

  @Test
  void hostileTextCannotBreakTheTableOrBecomeHtml() {
    String cell = Escape.markdownCell(Fixtures.HOSTILE + " *b* `c` [l](u)", 500);
    assertThat(cell)
        .doesNotContain("\n", "<script", "`c`", "[l]")
        .contains("&lt;script&gt;", "a\\|b", "\\*b\\*", "\\[l\\](u)", "&amp; c");
    assertThat(cell.replace("\\|", "")).doesNotContain("|");
  }

  @Test
  void anInterruptedRunSaysHowToResume() {
    var r = Fixtures.report();
    var interrupted =
        new RunReport(
            r.id(),
            r.suite(),
            r.suiteDigest(),
            r.startedAt(),
            null,
            r.variants(),
            r.gate(),
            true,
            "promptops eval --resume ev_1");
    assertThat(new MarkdownReport().render(interrupted))
        .contains(
            "> **Interrupted**: not every case ran. Resume with: promptops eval --resume ev\\_1");
  }

  @Test
  void aHugeRunStaysWellUnderGitHubsCommentLimit() {
    String longName = "case | with a long name\n".repeat(20);
    List<CaseRef> refs =
        IntStream.range(0, 1_000)
            .mapToObj(i -> new CaseRef(i, 0, longName, 0, 1.0, "x".repeat(500)))
            .toList();
    var variants = new ArrayList<VariantSummary>();
    for (int v = 0; v < 60; v++) {
      variants.add(
          Fixtures.summary(
              CANDIDATE + " #" + v + " " + "y".repeat(300),
              false,
              100_000,
              50_000,
              10,
              0.5,
              100_000,
              refs,
              refs.subList(0, 100)));
    }
    var reasons =
        IntStream.range(0, 500).mapToObj(i -> "reason " + i + " " + "z".repeat(400)).toList();
    var r = Fixtures.report();
    var huge =
        new RunReport(
            r.id(),
            r.suite(),
            r.suiteDigest(),
            r.startedAt(),
            r.finishedAt(),
            variants,
            new GateVerdict(false, reasons, false),
            false,
            null);

    String text = new MarkdownReport().render(huge);

    assertThat(text.length()).isLessThanOrEqualTo(MarkdownReport.MAX_CHARS).isLessThan(65_536);
    assertThat(text)
        .contains("_… and 99980 more regressions._")
        .contains("_… and 20 more variants._")
        .contains("_… and 480 more reasons._")
        .containsPattern("_\\d+ sections left out to keep this comment short");
  }

  private static RunReport withGate(RunReport r, GateVerdict gate) {
    return new RunReport(
        r.id(),
        r.suite(),
        r.suiteDigest(),
        r.startedAt(),
        r.finishedAt(),
        r.variants(),
        gate,
        r.interrupted(),
        r.resumeHint());
  }
}
