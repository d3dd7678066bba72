package dev.promptops.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns separated by two spaces, for listings people read. */
final class Table {
  private final List<List<String>> rows = new ArrayList<>();

  /** A table whose first row is {@code header}; no header row when none is given. */
  Table(String... header) {
    if (header.length > 0) {
      rows.add(List.of(header));
    }
  }

  Table row(Object... cells) {
    var row = new ArrayList<String>();
    for (Object c : cells) {
      row.add(c == null ? "-" : c.toString());
    }
    rows.add(row);
    return this;
  }

  Table row(List<String> cells) {
    return row(cells.toArray());
  }

  void print(PrintWriter out) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      var line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == 0 ? "" : "  ").append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(width[i] - row.get(i).length()));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
