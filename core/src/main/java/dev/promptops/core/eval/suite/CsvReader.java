package dev.promptops.core.eval.suite;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Records of a CSV file (RFC 4180), read one at a time: fields separated by commas, records by
 * CRLF, LF or CR; a field in double quotes may hold commas, line breaks and doubled quotes ({@code
 * ""} is one {@code "}). As promptfoo's reader does when it retries leniently, a quote inside an
 * unquoted field is kept as a character. Empty lines are skipped and a leading byte-order mark is
 * dropped. An unclosed quote, or text after a closing quote, is an error naming the line.
 */
final class CsvReader {
  private static final int NONE = -2;

  private final Reader in;
  private final String display;
  private int line = 1;
  private int recordLine;
  private int peeked = NONE;
  private boolean started;

  CsvReader(Reader in, String display) {
    this.in = in;
    this.display = display;
  }

  /** The line the last record returned starts on. */
  int recordLine() {
    return recordLine;
  }

  /** The next record, or null at the end of the file. */
  List<String> next() throws IOException {
    while (true) {
      int c = read();
      if (c == -1) {
        return null;
      }
      if (c == '\n' || c == '\r') {
        newline(c);
        continue;
      }
      recordLine = line;
      peeked = c;
      return record();
    }
  }

  private List<String> record() throws IOException {
    var fields = new ArrayList<String>();
    var field = new StringBuilder();
    boolean start = true;
    while (true) {
      int c = read();
      if (start && c == '"') {
        quoted(field);
        c = afterQuote(fields.size() + 1);
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        start = true;
        continue;
      }
      if (c == -1 || c == '\n' || c == '\r') {
        fields.add(field.toString());
        newline(c);
        return fields;
      }
      field.append((char) c);
      start = false;
    }
  }

  private void quoted(StringBuilder field) throws IOException {
    int opened = line;
    while (true) {
      int c = read();
      if (c == -1) {
        throw SuiteErrors.invalid(
            display + ":" + opened,
            "unclosed quote: the quoted field opened on line " + opened + " never ends",
            "close the field with \", and write a quote inside a quoted field as \"\"");
      }
      if (c == '"') {
        int d = read();
        if (d != '"') {
          peeked = d;
          return;
        }
      } else if (c == '\r' || c == '\n') {
        int d = c == '\r' ? read() : NONE;
        field.append((char) c);
        if (d == '\n') {
          field.append('\n');
        } else if (d != NONE) {
          peeked = d;
        }
        line++;
        continue;
      }
      field.append((char) c);
    }
  }

  private int afterQuote(int number) throws IOException {
    int c = read();
    if (c == ',' || c == '\n' || c == '\r' || c == -1) {
      return c;
    }
    throw SuiteErrors.invalid(
        display + ":" + line,
        "unexpected '" + (char) c + "' after the closing quote of field " + number,
        "quote the whole field, and write a quote inside it as \"\"");
  }

  private void newline(int c) throws IOException {
    if (c == '\r') {
      int d = read();
      if (d != '\n') {
        peeked = d;
      }
    }
    if (c != -1) {
      line++;
    }
  }

  private int read() throws IOException {
    if (peeked != NONE) {
      int c = peeked;
      peeked = NONE;
      return c;
    }
    int c = in.read();
    if (!started) {
      started = true;
      if (c == '\uFEFF') {
        c = in.read();
      }
    }
    return c;
  }
}
