package dev.promptops.core.eval.report;

import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.VariantSummary;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .html}: one self-contained page (inline CSS and SVG, one small inline script, nothing
 * loaded from anywhere), readable without JavaScript. The run's header and gate verdict, a summary
 * table per variant, the regressions and worst cases, charts (pass rate per variant, score
 * distribution per variant), and the matrix of cases × variants with a CSS-only "only failing rows"
 * switch and, when scripts run, a search box.
 *
 * <p>The matrix holds the first {@link #MAX_MATRIX_CASES} case runs by case number (fewer when many
 * variants share the {@link #MAX_MATRIX_CELLS} cells) and says how many it left out; the first
 * {@link #MAX_MATRIX_VARIANTS} variants are its columns. Everything from a model or a suite is
 * escaped, and a Content-Security-Policy allows no script but the page's own.
 */
public final class HtmlReport implements ReportWriter {
  public static final int MAX_MATRIX_CASES = 2_000;
  public static final int MAX_MATRIX_CELLS = 20_000;
  public static final int MAX_MATRIX_VARIANTS = 16;

  private final int maxCases;

  public HtmlReport() {
    this(MAX_MATRIX_CASES);
  }

  HtmlReport(int maxCases) {
    this.maxCases = maxCases;
  }

  @Override
  public String extension() {
    return ".html";
  }

  @Override
  public void write(RunReport report, ResultReader results, Writer out) throws IOException {
    List<String> columns =
        report.variants().stream().limit(MAX_MATRIX_VARIANTS).map(VariantSummary::variant).toList();
    int rows = Math.min(maxCases, MAX_MATRIX_CELLS / Math.max(1, columns.size()));
    var matrix = new HtmlMatrix(columns, rows);
    Map<String, SvgCharts.Histogram> histograms = new LinkedHashMap<>();
    report.variants().forEach(v -> histograms.putIfAbsent(v.variant(), new SvgCharts.Histogram()));
    Results.forEach(
        results,
        r -> {
          matrix.add(r);
          var h = histograms.get(r.variant());
          if (h != null) {
            h.add(r);
          }
        });
    head(report, out);
    header(report, out);
    HtmlTables.summary(report, out);
    HtmlTables.caseLists(report, out);
    charts(report, histograms, out);
    matrix(matrix, out);
    out.write("<script>" + HtmlAssets.SCRIPT + "</script>\n</body>\n</html>\n");
    out.flush();
  }

  private static void head(RunReport r, Writer out) throws IOException {
    String verdict = r.gate().pass() ? "passed" : "failed";
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.write(
        "<meta http-equiv=\"Content-Security-Policy\" content=\""
            + Escape.htmlAttribute(HtmlAssets.CONTENT_SECURITY_POLICY)
            + "\"/>\n");
    out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    out.write(
        "<title>" + Escape.html("promptops eval · " + r.suite() + " · " + verdict) + "</title>\n");
    out.write("<style>" + HtmlAssets.STYLE + "</style>\n</head>\n<body>\n");
  }

  private static void header(RunReport r, Writer out) throws IOException {
    out.write("<header>\n<h1>" + Escape.html("promptops eval: " + r.suite()) + "</h1>\n");
    out.write(
        r.gate().pass()
            ? "<p class=\"verdict v-pass\">✔ Gate passed</p>\n"
            : "<p class=\"verdict v-fail\">✘ Gate failed"
                + (r.gate().infrastructure()
                    ? " (infrastructure: the run could not judge the prompt; retry it)"
                    : "")
                + "</p>\n");
    list(r.gate().reasons(), out);
    facts(r, out);
    out.write("</header>\n");
  }

  private static void facts(RunReport r, Writer out) throws IOException {
    out.write("<dl><dt>Run</dt><dd>" + Escape.html(r.id()) + "</dd>");
    out.write("<dt>Suite digest</dt><dd><code>" + Escape.html(r.suiteDigest()) + "</code></dd>");
    out.write("<dt>Started</dt><dd>" + r.startedAt() + "</dd>");
    if (r.finishedAt() != null) {
      long ms = Duration.between(r.startedAt(), r.finishedAt()).toMillis();
      out.write("<dt>Finished</dt><dd>" + r.finishedAt() + " (" + Format.millis(ms) + ")</dd>");
    }
    out.write("</dl>\n");
    if (r.interrupted()) {
      out.write(
          "<p class=\"warn\">Interrupted: not every case ran."
              + (r.resumeHint() == null
                  ? ""
                  : " Resume with <code>" + Escape.html(r.resumeHint()) + "</code>")
              + "</p>\n");
    }
  }

  private static void charts(RunReport r, Map<String, SvgCharts.Histogram> histograms, Writer out)
      throws IOException {
    out.write("<section><h2>Pass rate</h2>\n" + SvgCharts.passRates(r.variants()) + "\n");
    out.write("<h2>Score distribution</h2>\n<div class=\"charts\">\n");
    for (var e : histograms.entrySet()) {
      SvgCharts.Histogram h = e.getValue();
      out.write(
          "<figure>"
              + SvgCharts.histogram(e.getKey(), h)
              + "<figcaption>"
              + Escape.html(Escape.clip(e.getKey(), SvgCharts.MAX_LABEL_CHARS * 2))
              + (h.unanswered > 0
                  ? Escape.html(" · " + h.unanswered + " runs without an answer not shown")
                  : "")
              + "</figcaption></figure>\n");
    }
    out.write("</div></section>\n");
  }

  private static void matrix(HtmlMatrix matrix, Writer out) throws IOException {
    out.write("<section id=\"matrix\"><h2>Cases</h2>\n");
    if (matrix.capped()) {
      out.write(
          "<p class=\"note\">Showing the first "
              + matrix.shown()
              + " of "
              + matrix.total()
              + " case runs (by case number). The JSON, JSON Lines and CSV reports hold every result.</p>\n");
    }
    out.write(
        "<input type=\"checkbox\" id=\"only-failing\"/><label for=\"only-failing\"> Only failing rows</label>");
    out.write(
        "<input type=\"search\" id=\"search\" placeholder=\"Search cases and outputs\" hidden=\"hidden\"/>\n");
    matrix.write(out);
    out.write("</section>\n");
  }

  private static void list(List<String> items, Writer out) throws IOException {
    if (items.isEmpty()) {
      return;
    }
    out.write("<ul>");
    for (String item : items) {
      out.write("<li>" + Escape.html(item) + "</li>");
    }
    out.write("</ul>\n");
  }
}
