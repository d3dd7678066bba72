package dev.promptops.core.eval.report;

import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.Output;
import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.eval.RunReport;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code .csv}: one row per case result, in arrival order, RFC 4180 (comma separated, CRLF line
 * ends, fields quoted when they hold a comma, quote or line break). Safe to open in a spreadsheet:
 * a text cell starting with {@code = + - @}, a tab or a carriage return gets a leading {@code '} so
 * it is never run as a formula. Text cells are clipped to {@link #MAX_CELL_CHARS}, under the
 * spreadsheets' limit of 32 767 characters per cell.
 */
public final class CsvReport implements ReportWriter {
  /** The columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "variant",
          "case",
          "repeat",
          "description",
          "vars",
          "pass",
          "score",
          "output",
          "error",
          "latency_ms",
          "cost",
          "input_tokens",
          "output_tokens",
          "cached",
          "failing_reasons");

  /** The most characters of a text cell. */
  static final int MAX_CELL_CHARS = 32_000;

  private static final String CRLF = "\r\n";

  @Override
  public String extension() {
    return ".csv";
  }

  @Override
  public void write(RunReport report, ResultReader results, Writer out) throws IOException {
    out.write(String.join(",", COLUMNS) + CRLF);
    Results.forEach(results, r -> out.write(row(r) + CRLF));
    out.flush();
  }

  private static String row(CaseResult r) {
    Output o = r.output();
    List<String> reasons = r.error() != null ? List.of() : Cases.failingReasons(r);
    return String.join(
        ",",
        List.of(
            text(r.variant()),
            Integer.toString(r.caseIndex()),
            Integer.toString(r.repeat()),
            text(r.description()),
            text(r.vars() == null ? "" : Json.write(r.vars())),
            Boolean.toString(r.pass()),
            number(BigDecimal.valueOf(r.score())),
            text(o.text()),
            text(o.error()),
            Long.toString(o.latencyMillis()),
            o.cost() == null ? "" : number(o.cost()),
            Long.toString(o.usage().inputTokens()),
            Long.toString(o.usage().outputTokens()),
            Boolean.toString(o.cached()),
            text(String.join("\n", reasons))));
  }

  /** A text cell: clipped, made formula-safe, quoted as needed. */
  private static String text(String s) {
    return Escape.csvField(Escape.formulaSafe(Escape.clip(s, MAX_CELL_CHARS)));
  }

  /** A number without exponent: {@code 0.0000132}, not {@code 1.32E-5}. */
  private static String number(BigDecimal n) {
    BigDecimal stripped = n.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }
}
