package dev.promptops.core.eval.report;

import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.VariantSummary;
import java.util.List;
import java.util.Locale;

/** The HTML report's charts, as inline SVG: nothing to load, readable without a script. */
final class SvgCharts {
  static final int MAX_LABEL_CHARS = 40;
  static final int BINS = 10;

  private SvgCharts() {}

  /** Horizontal bars, one per variant: its pass rate, the value written beside the bar. */
  static String passRates(List<VariantSummary> variants) {
    int row = 26;
    int labelWidth = 290;
    int barWidth = 360;
    int height = variants.size() * row + 10;
    var svg = new StringBuilder();
    svg.append(open(labelWidth + barWidth + 70, height, "Pass rate per variant"));
    for (int i = 0; i < variants.size(); i++) {
      VariantSummary v = variants.get(i);
      int y = 5 + i * row;
      String colour = v.baseline() ? "#8c959f" : v.passed() == v.cases() ? "#2da44e" : "#cf222e";
      double width = barWidth * Math.max(0, Math.min(1, v.passRate()));
      svg.append("<g><title>")
          .append(Escape.html(Format.variantLabel(v) + ": " + Format.percent(v.passRate())))
          .append("</title>");
      text(svg, 0, y + 15, "start", Escape.clip(Format.variantLabel(v), MAX_LABEL_CHARS));
      svg.append(rect(labelWidth, y, barWidth, 18, "#eaeef2"));
      svg.append(rect(labelWidth, y, width, 18, colour));
      text(svg, labelWidth + width + 6, y + 14, "start", Format.percent(v.passRate()));
      svg.append("</g>");
    }
    return svg.append("</svg>").toString();
  }

  /** Vertical bars: how many answered runs scored in each tenth of [0, 1]. */
  static String histogram(String variant, Histogram h) {
    int left = 34;
    int top = 10;
    int plot = 110;
    int bar = 24;
    long max = Math.max(1, h.max());
    var svg =
        new StringBuilder(
            open(
                left + BINS * (bar + 2) + 10, top + plot + 30, "Score distribution of " + variant));
    svg.append(rect(left, top + plot, BINS * (bar + 2), 1, "#57606a"));
    for (int i = 0; i < BINS; i++) {
      double height = plot * (double) h.bins[i] / max;
      int x = left + i * (bar + 2);
      svg.append("<g><title>")
          .append(Escape.html(binLabel(i) + ": " + h.bins[i] + " runs"))
          .append("</title>")
          .append(rect(x, top + plot - height, bar, height, "#0969da"))
          .append("</g>");
    }
    text(svg, left - 4, top + 10, "end", Long.toString(max));
    text(svg, left - 4, top + plot, "end", "0");
    text(svg, left, top + plot + 16, "start", "0");
    text(svg, left + BINS * (bar + 2) / 2.0, top + plot + 16, "middle", "0.5");
    text(svg, left + BINS * (bar + 2), top + plot + 16, "end", "1");
    return svg.append("</svg>").toString();
  }

  private static String binLabel(int i) {
    return String.format(Locale.ROOT, "score %.1f–%.1f", i / 10.0, (i + 1) / 10.0);
  }

  private static String open(int width, int height, String label) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + width
        + "\" height=\""
        + height
        + "\" viewBox=\"0 0 "
        + width
        + " "
        + height
        + "\" role=\"img\" aria-label=\""
        + Escape.htmlAttribute(label)
        + "\" font-family=\"system-ui,sans-serif\" font-size=\"12\">";
  }

  private static String rect(double x, double y, double width, double height, String fill) {
    return String.format(
        Locale.ROOT,
        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
        x,
        y,
        width,
        height,
        fill);
  }

  private static void text(StringBuilder svg, double x, double y, String anchor, String text) {
    svg.append(
            String.format(
                Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor))
        .append(Escape.html(text))
        .append("</text>");
  }

  /** One variant's score counts, kept while the results stream by (ten counters). */
  static final class Histogram {
    final long[] bins = new long[BINS];
    long unanswered;

    void add(CaseResult r) {
      if (r.error() != null) {
        unanswered++;
        return;
      }
      double score = Double.isNaN(r.score()) ? 0 : r.score();
      bins[Math.max(0, Math.min(BINS - 1, (int) Math.floor(score * BINS)))]++;
    }

    long max() {
      long max = 0;
      for (long b : bins) {
        max = Math.max(max, b);
      }
      return max;
    }
  }
}
