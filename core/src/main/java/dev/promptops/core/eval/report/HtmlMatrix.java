package dev.promptops.core.eval.report;

import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTML report's side-by-side matrix, cases × variants, built while the results stream by. It
 * keeps the cells of at most {@code maxRows} case runs, the lowest case numbers seen (whatever
 * order the results arrive in), each cell clipped: memory is bounded by rows × columns.
 */
final class HtmlMatrix {
  static final int MAX_OUTPUT_CHARS = 400;
  static final int MAX_REASONS = 5;
  static final int MAX_REASON_CHARS = 300;
  static final int MAX_NAME_CHARS = 200;
  static final int MAX_VARS_CHARS = 300;

  private final List<String> columns;
  private final Map<String, Integer> columnIndex = new HashMap<>();
  private final int maxRows;
  private final TreeMap<Key, Row> rows = new TreeMap<>();
  private final long[] perColumn;
  private boolean dropped;

  HtmlMatrix(List<String> columns, int maxRows) {
    this.columns = List.copyOf(columns);
    for (int i = 0; i < this.columns.size(); i++) {
      columnIndex.putIfAbsent(this.columns.get(i), i);
    }
    this.maxRows = Math.max(1, maxRows);
    this.perColumn = new long[this.columns.size()];
  }

  void add(CaseResult r) {
    Integer column = columnIndex.get(r.variant());
    if (column == null) {
      return;
    }
    perColumn[column]++;
    Key key = new Key(r.caseIndex(), r.repeat());
    Row row = rows.get(key);
    if (row == null) {
      if (rows.size() >= maxRows) {
        dropped = true;
        if (key.compareTo(rows.lastKey()) > 0) {
          return;
        }
        rows.pollLastEntry();
      }
      row = new Row(r, columns.size());
      rows.put(key, row);
    }
    row.cells[column] = Cell.of(r);
  }

  /** Case runs shown. */
  int shown() {
    return rows.size();
  }

  /** Case runs of the variant that had the most: how many rows an uncapped matrix would have. */
  long total() {
    long max = rows.size();
    for (long n : perColumn) {
      max = Math.max(max, n);
    }
    return max;
  }

  boolean capped() {
    return dropped;
  }

  void write(Writer out) throws IOException {
    out.write("<table id=\"cases\"><thead><tr><th>case</th>");
    for (String c : columns) {
      out.write("<th>" + Escape.html(c) + "</th>");
    }
    out.write("</tr></thead><tbody>\n");
    for (Row row : rows.values()) {
      row.write(out);
    }
    out.write("</tbody></table>\n");
  }

  private record Key(int caseIndex, int repeat) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Integer.compare(caseIndex, o.caseIndex);
      return c != 0 ? c : Integer.compare(repeat, o.repeat);
    }
  }

  private static final class Row {
    final String name;
    final String vars;
    final Cell[] cells;

    Row(CaseResult first, int columns) {
      this.name = Escape.clip(Cases.displayName(first.name(), first.repeat()), MAX_NAME_CHARS);
      this.vars = first.vars() == null ? "" : Escape.clip(Json.write(first.vars()), MAX_VARS_CHARS);
      this.cells = new Cell[columns];
    }

    boolean failing() {
      for (Cell c : cells) {
        if (c != null && c.status != Cases.Status.PASS) {
          return true;
        }
      }
      return false;
    }

    void write(Writer out) throws IOException {
      out.write("<tr class=\"" + (failing() ? "bad" : "ok") + "\"><th scope=\"row\">");
      out.write(Escape.html(name) + "<span class=\"vars\">" + Escape.html(vars) + "</span></th>");
      for (Cell c : cells) {
        out.write(c == null ? "<td class=\"c-none\">not run</td>" : c.html());
      }
      out.write("</tr>\n");
    }
  }

  private record Cell(
      Cases.Status status,
      double score,
      long latencyMillis,
      String output,
      List<String> reasons,
      int moreReasons) {
    static Cell of(CaseResult r) {
      List<String> all = Cases.failingReasons(r);
      List<String> kept =
          all.stream().limit(MAX_REASONS).map(s -> Escape.clip(s, MAX_REASON_CHARS)).toList();
      String output = Escape.clip(r.output().text(), MAX_OUTPUT_CHARS);
      return new Cell(
          Cases.status(r),
          r.score(),
          r.output().latencyMillis(),
          output,
          kept,
          all.size() - kept.size());
    }

    String html() {
      var td = new StringBuilder("<td class=\"c-").append(status.label()).append("\">");
      td.append("<span class=\"st\"");
      if (!reasons.isEmpty()) {
        td.append(" title=\"").append(Escape.htmlAttribute(String.join("\n", reasons))).append('"');
      }
      td.append('>').append(status.label()).append("</span> ");
      td.append(Format.score(score))
          .append(" <span class=\"muted\">")
          .append(Format.millis(latencyMillis))
          .append("</span>");
      if (!output.isEmpty()) {
        td.append("<div class=\"out\">").append(Escape.html(output)).append("</div>");
      }
      if (!reasons.isEmpty()) {
        td.append("<details><summary>")
            .append(reasons.size() + moreReasons)
            .append(status == Cases.Status.ERROR ? " error" : " failing")
            .append("</summary><ul>");
        reasons.forEach(x -> td.append("<li>").append(Escape.html(x)).append("</li>"));
        if (moreReasons > 0) {
          td.append("<li>… and ").append(moreReasons).append(" more</li>");
        }
        td.append("</ul></details>");
      }
      return td.append("</td>").toString();
    }
  }
}
