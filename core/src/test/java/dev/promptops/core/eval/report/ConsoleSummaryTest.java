package dev.promptops.core.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.eval.GateVerdict;
import dev.promptops.core.eval.RunReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {
  @Test
  void aRowPerVariantThenTheVerdict() {
    String text = print(Fixtures.report(), false);

    assertThat(text.lines().toList())
        .containsExactly(
            "VARIANT                                           CASES  PASS  FAIL  ERRORS  PASS RATE  SCORE  REGRESSIONS       COST     P50    P95",
            "support/reply@3 on openai/gpt-4o-mini                 4     2     1       1      50.0%  0.600            1  $0.000313  121 ms  1.2 s",
            "support/reply@2 on openai/gpt-4o-mini (baseline)      4     3     1       0      75.0%  0.750            -  $0.000313  121 ms  1.2 s",
            "gate failed:",
            "  pass rate 50.0% < 95.0%",
            "  1 regression > 0");
  }

  @Test
  void plainTextWithoutColourAndAnsiWithIt() {
    assertThat(print(Fixtures.report(), false)).doesNotContain("\u001B");
    String coloured = print(Fixtures.report(), true);
    assertThat(coloured)
        .contains("\u001B[31m\u001B[1mgate failed:\u001B[0m", "\u001B[31m1\u001B[0m");
    assertThat(coloured.replaceAll("\u001B\\[[0-9;]*m", ""))
        .isEqualTo(print(Fixtures.report(), false));
  }

  @Test
  void anInterruptedRunShowsTheResumeHint() {
    var r = Fixtures.report();
    var interrupted =
        new RunReport(
            r.id(),
            r.suite(),
            r.suiteDigest(),
            r.startedAt(),
            null,
            r.variants(),
            new GateVerdict(false, List.of("interrupted after 2 of 4 cases"), true),
            true,
            "promptops eval --resume ev_1");

    String text = print(interrupted, false);

    assertThat(text)
        .contains("gate failed (infrastructure: the run could not judge the prompt; retry it):\n")
        .endsWith("interrupted: not every case ran; resume with: promptops eval --resume ev_1\n");
  }

  @Test
  void escapeSequencesFromAModelNeverReachTheTerminal() {
    var r = Fixtures.report();
    var hostile =
        new RunReport(
            r.id(),
            r.suite(),
            r.suiteDigest(),
            r.startedAt(),
            null,
            r.variants(),
            new GateVerdict(false, List.of("output \u001B[2J\u001B]0;pwned\u0007 said\nhi"), false),
            false,
            null);

    assertThat(print(hostile, false))
        .doesNotContain("\u001B", "\u0007")
        .contains("  output ?[2J?]0;pwned? said hi\n");
  }

  private static String print(RunReport report, boolean color) {
    var out = new StringWriter();
    ConsoleSummary.print(report, new PrintWriter(out), color);
    return out.toString();
  }
}
