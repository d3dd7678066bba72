package dev.promptops.core.eval.report;

import dev.promptops.core.eval.CaseRef;
import dev.promptops.core.eval.GateVerdict;
import dev.promptops.core.eval.MetricSummary;
import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.VariantSummary;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code .md}: a summary fit for a pull-request comment. The first line is the gate's verdict and
 * why; then a table of the variants, the regressions (cases that passed on the baseline and fail
 * now), the worst cases with their first failing reason, and per-metric pass rates. Written from
 * the report alone, so its size does not grow with the cases: lists are capped (saying how many
 * were left out), sections stop at {@link #SECTION_BUDGET} characters, and the whole never exceeds
 * {@link #MAX_CHARS}, well under GitHub's 65 536-character comment limit.
 */
public final class MarkdownReport implements ReportWriter {
  /** The hard bound on the summary's length, in characters. */
  public static final int MAX_CHARS = 50_000;

  /** Detail sections (regressions, worst cases, metrics) are left out past this length. */
  static final int SECTION_BUDGET = 40_000;

  static final int MAX_VARIANT_ROWS = 40;
  static final int MAX_REASONS = 20;
  static final int MAX_REGRESSIONS = 20;
  static final int MAX_WORST = 10;
  static final int MAX_METRIC_ROWS = 40;
  static final int MAX_CELL_CHARS = 160;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  @Override
  public String extension() {
    return ".md";
  }

  @Override
  public void write(RunReport report, ResultReader results, Writer out) throws IOException {
    out.write(render(report));
    out.flush();
  }

  /** The summary as one string, at most {@link #MAX_CHARS} characters. */
  public String render(RunReport report) {
    var md = new StringBuilder();
    md.append(headline(report.gate())).append("\n\n");
    reasons(report.gate(), md);
    md.append(runLine(report)).append("\n\n");
    if (report.interrupted()) {
      md.append("> **Interrupted**: not every case ran.");
      if (report.resumeHint() != null) {
        md.append(" Resume with: ").append(cell(report.resumeHint()));
      }
      md.append("\n\n");
    }
    variantTable(report, md);
    sections(report, md);
    return bounded(md);
  }

  private static String headline(GateVerdict gate) {
    if (gate.pass()) {
      return "## ✅ Eval gate passed";
    }
    String why = gate.reasons().isEmpty() ? "" : ": " + cell(String.join("; ", gate.reasons()));
    return gate.infrastructure()
        ? "## ⚠️ Eval gate failed (infrastructure: retry the run)" + why
        : "## ❌ Eval gate failed" + why;
  }

  /** Every reason on its own line when the headline could not show them all. */
  private static void reasons(GateVerdict gate, StringBuilder md) {
    String joined = Escape.oneLine(String.join("; ", gate.reasons()));
    if (joined.length() <= MAX_CELL_CHARS) {
      return;
    }
    gate.reasons().stream()
        .limit(MAX_REASONS)
        .forEach(r -> md.append("- ").append(cell(r)).append('\n'));
    more(gate.reasons().size() - MAX_REASONS, "reasons", md);
    md.append('\n');
  }

  private static String runLine(RunReport r) {
    var parts = new ArrayList<String>();
    parts.add("Suite **" + cell(r.suite()) + "**");
    parts.add("run " + cell(r.id()));
    parts.add("suite digest " + cell(r.suiteDigest()));
    parts.add("started " + TIME.format(r.startedAt()));
    if (r.finishedAt() != null) {
      parts.add(
          "took " + Format.millis(Duration.between(r.startedAt(), r.finishedAt()).toMillis()));
    }
    return String.join(" · ", parts);
  }

  private static void variantTable(RunReport report, StringBuilder md) {
    row(
        md,
        "Variant",
        "Cases",
        "Passed",
        "Failed",
        "Errors",
        "Pass rate",
        "Mean score",
        "Δ vs baseline",
        "Regressions",
        "Cost",
        "p50",
        "p95");
    md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    report.variants().stream()
        .limit(MAX_VARIANT_ROWS)
        .forEach(
            v ->
                row(
                    md,
                    cell(Format.variantLabel(v)),
                    Long.toString(v.cases()),
                    Long.toString(v.passed()),
                    Long.toString(Format.failedAnswered(v)),
                    Long.toString(v.errors()),
                    Format.percent(v.passRate()),
                    Format.score(v.meanScore()),
                    Format.baselineDelta(v),
                    Format.regressions(v),
                    cell(Format.cost(v.cost())),
                    Format.millis(v.latencyP50Millis()),
                    Format.millis(v.latencyP95Millis())));
    more(report.variants().size() - MAX_VARIANT_ROWS, "variants", md);
    md.append('\n');
  }

  /** Regressions, then worst cases, then metrics: each whole or left out, within the budget. */
  private static void sections(RunReport report, StringBuilder md) {
    var sections = new ArrayList<String>();
    report.candidates().forEach(v -> sections.add(regressions(v)));
    report.candidates().forEach(v -> sections.add(worst(v)));
    sections.add(metrics(report));
    int left = 0;
    for (String section : sections) {
      if (section.isEmpty()) {
        continue;
      }
      if (md.length() + section.length() > SECTION_BUDGET) {
        left++;
      } else {
        md.append(section);
      }
    }
    if (left > 0) {
      md.append("_")
          .append(left)
          .append(left == 1 ? " section" : " sections")
          .append(
              " left out to keep this comment short; the HTML and JSON reports have every case._\n");
    }
  }

  private static String regressions(VariantSummary v) {
    if (v.regressionCount() == 0) {
      return "";
    }
    var md = new StringBuilder();
    md.append("### Regressions: ")
        .append(cell(v.variant()))
        .append(" (")
        .append(v.regressionCount())
        .append(")\n\n");
    md.append("Cases that passed on ")
        .append(cell(v.baselineVariant()))
        .append(" and fail now.\n\n");
    row(md, "Case", "Score", "Baseline", "First failing reason");
    md.append("|---|--:|--:|---|\n");
    List<CaseRef> shown = v.regressions().stream().limit(MAX_REGRESSIONS).toList();
    shown.forEach(
        c ->
            row(
                md,
                caseName(c),
                Format.score(c.score()),
                c.baselineScore() == null ? "-" : Format.score(c.baselineScore()),
                cell(c.reason())));
    more(v.regressionCount() - shown.size(), "regressions", md);
    return md.append('\n').toString();
  }

  private static String worst(VariantSummary v) {
    List<CaseRef> failing = Cases.belowPerfect(v.worst()).stream().limit(MAX_WORST).toList();
    if (failing.isEmpty()) {
      return "";
    }
    var md = new StringBuilder();
    md.append("### Worst cases: ").append(cell(v.variant())).append("\n\n");
    row(md, "Case", "Score", "First failing reason");
    md.append("|---|--:|---|\n");
    failing.forEach(c -> row(md, caseName(c), Format.score(c.score()), cell(c.reason())));
    return md.append('\n').toString();
  }

  private static String metrics(RunReport report) {
    var rows = new ArrayList<String[]>();
    for (VariantSummary v : report.candidates()) {
      for (MetricSummary m :
          v.metrics().values().stream()
              .sorted((a, b) -> a.metric().compareTo(b.metric()))
              .toList()) {
        rows.add(
            new String[] {
              cell(v.variant()),
              cell(m.metric()),
              m.passed() + " / " + m.total(),
              Format.percent(m.passRate()),
              Format.score(m.meanScore())
            });
      }
    }
    if (rows.isEmpty()) {
      return "";
    }
    var md = new StringBuilder("### Metrics\n\n");
    row(md, "Variant", "Metric", "Passed", "Pass rate", "Mean score");
    md.append("|---|---|--:|--:|--:|\n");
    rows.stream().limit(MAX_METRIC_ROWS).forEach(r -> row(md, r));
    more(rows.size() - MAX_METRIC_ROWS, "metric rows", md);
    return md.append('\n').toString();
  }

  /** Past {@link #MAX_CHARS}, cut at a line break and say so. */
  private static String bounded(StringBuilder md) {
    String note =
        "\n_… cut at " + MAX_CHARS + " characters; the HTML and JSON reports have everything._\n";
    if (md.length() <= MAX_CHARS) {
      return md.toString();
    }
    int cut = md.lastIndexOf("\n", MAX_CHARS - note.length());
    return md.substring(0, Math.max(cut, 0)) + note;
  }

  private static void more(long left, String what, StringBuilder md) {
    if (left > 0) {
      md.append("\n_… and ").append(left).append(" more ").append(what).append("._\n");
    }
  }

  private static void row(StringBuilder md, String... cells) {
    md.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  private static String caseName(CaseRef c) {
    return cell(Cases.displayName(c.name(), c.repeat()));
  }

  private static String cell(String s) {
    return Escape.markdownCell(s, MAX_CELL_CHARS);
  }
}
