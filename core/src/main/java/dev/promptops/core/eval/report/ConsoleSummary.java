package dev.promptops.core.eval.report;

import dev.promptops.core.eval.GateVerdict;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.eval.VariantSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The end-of-run summary a terminal shows: one row per variant, then the gate's verdict and, for an
 * interrupted run, how to resume it. Colours (ANSI) only when asked: CI logs get plain text. Text
 * that came from a model (reasons quote outputs) has its control characters replaced, so it cannot
 * send escape sequences to the terminal.
 */
public final class ConsoleSummary {
  private static final String RESET = "\u001B[0m";
  private static final String BOLD = "\u001B[1m";
  private static final String RED = "\u001B[31m";
  private static final String GREEN = "\u001B[32m";
  private static final String YELLOW = "\u001B[33m";

  static final int MAX_VARIANT_CHARS = 72;

  private static final List<String> HEADER =
      List.of(
          "VARIANT",
          "CASES",
          "PASS",
          "FAIL",
          "ERRORS",
          "PASS RATE",
          "SCORE",
          "REGRESSIONS",
          "COST",
          "P50",
          "P95");

  private ConsoleSummary() {}

  public static void print(RunReport report, PrintWriter out, boolean color) {
    var rows = new ArrayList<List<String>>();
    rows.add(HEADER);
    report.variants().forEach(v -> rows.add(cells(v)));
    int[] width = widths(rows);
    for (int i = 0; i < rows.size(); i++) {
      out.println(line(rows.get(i), width, color, i == 0 ? null : report.variants().get(i - 1)));
    }
    verdict(report.gate(), out, color);
    if (report.interrupted()) {
      String hint =
          report.resumeHint() == null
              ? ""
              : "; resume with: " + Escape.terminal(report.resumeHint());
      out.println(paint("interrupted: not every case ran" + hint, YELLOW, color));
    }
    out.flush();
  }

  private static List<String> cells(VariantSummary v) {
    return List.of(
        Escape.clip(Escape.terminal(Format.variantLabel(v)), MAX_VARIANT_CHARS),
        Long.toString(v.cases()),
        Long.toString(v.passed()),
        Long.toString(Format.failedAnswered(v)),
        Long.toString(v.errors()),
        Format.percent(v.passRate()),
        Format.score(v.meanScore()),
        Format.regressions(v),
        Format.cost(v.cost()),
        Format.millis(v.latencyP50Millis()),
        Format.millis(v.latencyP95Millis()));
  }

  private static int[] widths(List<List<String>> rows) {
    int[] width = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).codePointCount(0, row.get(i).length()));
      }
    }
    return width;
  }

  /** The variant column left-aligned, numbers right-aligned; colour added after padding. */
  private static String line(List<String> cells, int[] width, boolean color, VariantSummary v) {
    var line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      String pad = " ".repeat(width[i] - cell.codePointCount(0, cell.length()));
      String painted = paint(cell, colour(i, v), color);
      line.append(i == 0 ? "" : "  ").append(i == 0 ? painted + pad : pad + painted);
    }
    return line.toString().stripTrailing();
  }

  /** Red for failures and regressions, yellow for errors, bold for the header. */
  private static String colour(int column, VariantSummary v) {
    if (v == null) {
      return BOLD;
    }
    return switch (HEADER.get(column)) {
      case "FAIL" -> Format.failedAnswered(v) > 0 ? RED : null;
      case "ERRORS" -> v.errors() > 0 ? YELLOW : null;
      case "REGRESSIONS" -> !v.baseline() && v.regressionCount() > 0 ? RED : null;
      case "PASS RATE" -> v.passed() == v.cases() ? GREEN : null;
      default -> null;
    };
  }

  private static void verdict(GateVerdict gate, PrintWriter out, boolean color) {
    if (gate.pass()) {
      out.println(paint("gate passed", GREEN + BOLD, color));
      return;
    }
    String head =
        gate.infrastructure()
            ? "gate failed (infrastructure: the run could not judge the prompt; retry it)"
            : "gate failed";
    out.println(paint(gate.reasons().isEmpty() ? head : head + ":", RED + BOLD, color));
    gate.reasons().forEach(r -> out.println("  " + Escape.terminal(r)));
  }

  private static String paint(String text, String code, boolean color) {
    return color && code != null ? code + text + RESET : text;
  }
}
