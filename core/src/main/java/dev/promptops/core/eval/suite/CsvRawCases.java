package dev.promptops.core.eval.suite;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.NoSuchElementException;

/** The rows of a CSV case file after its header, each as a case ({@link CsvColumns}). */
final class CsvRawCases implements RawCases {
  private final Reader in;
  private final CsvReader csv;
  private final CsvColumns columns;
  private Raw next;

  CsvRawCases(Reader in, String display, ExpectedShorthand shorthand, Warnings warnings)
      throws IOException {
    this.in = in;
    this.csv = new CsvReader(in, display);
    List<String> header = csv.next();
    this.columns = header == null ? null : new CsvColumns(header, display, shorthand, warnings);
  }

  @Override
  public boolean hasNext() {
    if (next == null && columns != null) {
      try {
        List<String> record = csv.next();
        if (record != null) {
          next = new Raw(columns.row(record, csv.recordLine()), csv.recordLine());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return next != null;
  }

  @Override
  public Raw next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Raw r = next;
    next = null;
    return r;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
