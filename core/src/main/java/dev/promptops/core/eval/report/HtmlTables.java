package dev.promptops.core.eval.report;

import dev.promptops.core.eval.CaseRef;
import dev.promptops.core.eval.MetricSummary;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.VariantSummary;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The HTML report's tables from the run's totals: variants, metrics, regressions, worst cases. */
final class HtmlTables {
  /** The most regressions or worst cases listed per variant. */
  static final int MAX_LISTED = 50;

  private static final List<String> SUMMARY_COLUMNS =
      List.of(
          "Variant",
          "Prompt",
          "Version",
          "Digest",
          "Provider",
          "Cases",
          "Passed",
          "Failed",
          "Errors",
          "Pass rate",
          "Mean score",
          "Δ vs baseline",
          "Regressions",
          "Cost",
          "Tokens in / out",
          "Cached",
          "p50",
          "p95");

  private HtmlTables() {}

  static void summary(RunReport r, Writer out) throws IOException {
    out.write("<section><h2>Summary</h2>\n<table><thead><tr>");
    for (String h : SUMMARY_COLUMNS) {
      out.write("<th>" + Escape.html(h) + "</th>");
    }
    out.write("</tr></thead><tbody>\n");
    for (VariantSummary v : r.variants()) {
      out.write("<tr><th scope=\"row\">" + Escape.html(Format.variantLabel(v)) + "</th>");
      cells(out, false, v.prompt(), v.version() == null ? "-" : "v" + v.version());
      out.write("<td><code>" + Escape.html(v.digest()) + "</code></td>");
      cells(out, false, v.provider());
      cells(
          out,
          true,
          Long.toString(v.cases()),
          Long.toString(v.passed()),
          Long.toString(Format.failedAnswered(v)),
          Long.toString(v.errors()),
          Format.percent(v.passRate()),
          Format.score(v.meanScore()),
          Format.baselineDelta(v),
          Format.regressions(v),
          Format.cost(v.cost()),
          v.usage().inputTokens() + " / " + v.usage().outputTokens(),
          Long.toString(v.cachedCases()),
          Format.millis(v.latencyP50Millis()),
          Format.millis(v.latencyP95Millis()));
      out.write("</tr>\n");
    }
    out.write("</tbody></table>\n");
    metrics(r, out);
    out.write("</section>\n");
  }

  private static void metrics(RunReport r, Writer out) throws IOException {
    if (r.variants().stream().allMatch(v -> v.metrics().isEmpty())) {
      return;
    }
    out.write(
        "<h3>Metrics</h3>\n<table><thead><tr><th>Variant</th><th>Metric</th><th>Passed</th>"
            + "<th>Pass rate</th><th>Mean score</th></tr></thead><tbody>\n");
    for (VariantSummary v : r.variants()) {
      for (MetricSummary m :
          v.metrics().values().stream()
              .sorted((a, b) -> a.metric().compareTo(b.metric()))
              .toList()) {
        out.write("<tr>");
        cells(out, false, Format.variantLabel(v), m.metric());
        cells(
            out,
            true,
            m.passed() + " / " + m.total(),
            Format.percent(m.passRate()),
            Format.score(m.meanScore()));
        out.write("</tr>\n");
      }
    }
    out.write("</tbody></table>\n");
  }

  static void caseLists(RunReport r, Writer out) throws IOException {
    for (VariantSummary v : r.candidates()) {
      if (v.regressionCount() > 0) {
        out.write(
            "<section><h3>"
                + Escape.html("Regressions: " + v.variant() + " (" + v.regressionCount() + ")")
                + "</h3>\n");
        out.write(
            "<p class=\"note\">"
                + Escape.html("Cases that passed on " + v.baselineVariant() + " and fail now.")
                + "</p>\n");
        refs(v.regressions(), v.regressionCount(), true, out);
        out.write("</section>\n");
      }
      List<CaseRef> worst = Cases.belowPerfect(v.worst());
      if (!worst.isEmpty()) {
        out.write("<section><h3>" + Escape.html("Worst cases: " + v.variant()) + "</h3>\n");
        refs(worst, worst.size(), false, out);
        out.write("</section>\n");
      }
    }
  }

  private static void refs(List<CaseRef> refs, long total, boolean baseline, Writer out)
      throws IOException {
    out.write(
        "<table><thead><tr><th>Case</th><th>Score</th>"
            + (baseline ? "<th>Baseline</th>" : "")
            + "<th>First failing reason</th></tr></thead><tbody>\n");
    List<CaseRef> shown = refs.stream().limit(MAX_LISTED).toList();
    for (CaseRef c : shown) {
      out.write("<tr>");
      cells(out, false, Cases.displayName(c.name(), c.repeat()));
      cells(out, true, Format.score(c.score()));
      if (baseline) {
        cells(out, true, c.baselineScore() == null ? "-" : Format.score(c.baselineScore()));
      }
      cells(out, false, Escape.clip(c.reason(), HtmlMatrix.MAX_REASON_CHARS));
      out.write("</tr>\n");
    }
    out.write("</tbody></table>\n");
    if (total > shown.size()) {
      out.write("<p class=\"note\">… and " + (total - shown.size()) + " more.</p>\n");
    }
  }

  private static void cells(Writer out, boolean numeric, String... values) throws IOException {
    for (String v : values) {
      out.write((numeric ? "<td class=\"n\">" : "<td>") + Escape.html(v) + "</td>");
    }
  }
}
