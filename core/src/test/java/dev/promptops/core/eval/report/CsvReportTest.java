package dev.promptops.core.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReportTest {
  private final String text =
      Fixtures.write(new CsvReport(), Fixtures.report(), Fixtures.reader(Fixtures.results()));
  private final List<List<String>> rows = read(text);

  @Test
  void aHeaderThenOneRowPerResult() {
    assertThat(rows.get(0)).isEqualTo(CsvReport.COLUMNS);
    assertThat(rows).hasSize(1 + Fixtures.results().size());
    assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(CsvReport.COLUMNS.size()));
    assertThat(text).contains("\r\n").doesNotContain(",\n");
  }

  @Test
  void theFailingRowHoldsItsFactsAndEveryFailingReason() throws Exception {
    List<String> row = rows.get(3);
    assertThat(row.subList(0, 3)).containsExactly(Fixtures.CANDIDATE, "1", "0");
    assertThat(row.get(3)).isEqualTo("refund | policy\nsecond line");
    assertThat(Json.parse(row.get(4)).get("customer").asText()).isEqualTo("Ann");
    assertThat(row.subList(5, 7)).containsExactly("false", "0.4");
    assertThat(row.get(7)).isEqualTo(Fixtures.HOSTILE);
    assertThat(row.subList(8, 14)).containsExactly("", "1234", "0.0000132", "16", "18", "true");
    assertThat(row.get(14).split("\n"))
        .startsWith(
            "contains: output does not contain \"refund\"",
            "llm-rubric: rude: <script>alert('x')</script> ]]> \"quoted\" a|b & c\u0007bell\u0000nul\u001B[31m");
  }

  @Test
  void anErrorRowNamesTheError() {
    List<String> row = rows.get(7);
    assertThat(row.get(8)).isEqualTo("provider openai failed: HTTP 503");
    assertThat(row.get(14)).isEmpty();
    assertThat(row.get(10)).isEmpty();
  }

  @Test
  void cellsThatASpreadsheetWouldRunAsFormulasGetALeadingQuote() {
    assertThat(rows.get(1).get(3)).isEqualTo("'=cmd|' /C calc'!A0");
    assertThat(Escape.formulaSafe("+1")).isEqualTo("'+1");
    assertThat(Escape.formulaSafe("-1")).isEqualTo("'-1");
    assertThat(Escape.formulaSafe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Escape.formulaSafe("\t=1")).isEqualTo("'\t=1");
    assertThat(Escape.formulaSafe("a=1")).isEqualTo("a=1");
  }

  @Test
  void theTestReaderRefusesBrokenQuoting() {
    assertThatThrownBy(() -> read("a,\"b\r\n")).hasMessageContaining("unterminated");
  }

  /** RFC 4180, strictly: CRLF row ends, quoted fields with doubled quotes. */
  static List<List<String>> read(String csv) {
    var rows = new ArrayList<List<String>>();
    var row = new ArrayList<String>();
    var field = new StringBuilder();
    int i = 0;
    while (i < csv.length()) {
      char c = csv.charAt(i);
      if (c == '"' && field.isEmpty()) {
        int end = i + 1;
        while (true) {
          if (end >= csv.length()) {
            throw new IllegalArgumentException("unterminated quoted field at " + i);
          }
          if (csv.charAt(end) == '"') {
            if (end + 1 < csv.length() && csv.charAt(end + 1) == '"') {
              field.append('"');
              end += 2;
              continue;
            }
            break;
          }
          field.append(csv.charAt(end++));
        }
        i = end + 1;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i += 2;
      } else if (c == '\n' || c == '\r') {
        throw new IllegalArgumentException("bare line break outside quotes at " + i);
      } else {
        field.append(c);
        i++;
      }
    }
    if (!row.isEmpty() || !field.isEmpty()) {
      throw new IllegalArgumentException("last row has no CRLF");
    }
    return rows;
  }
}
