package dev.promptops.core.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
  @Test
  void theWriterFollowsTheExtension() {
    assertThat(Reports.forFile(Path.of("out.json"))).isInstanceOf(JsonReport.class);
    assertThat(Reports.forFile(Path.of("out.jsonl"))).isInstanceOf(JsonLinesReport.class);
    assertThat(Reports.forFile(Path.of("reports/junit.XML"))).isInstanceOf(JunitXmlReport.class);
    assertThat(Reports.forFile(Path.of("out.html"))).isInstanceOf(HtmlReport.class);
    assertThat(Reports.forFile(Path.of("out.csv"))).isInstanceOf(CsvReport.class);
    assertThat(Reports.forFile(Path.of("summary.md"))).isInstanceOf(MarkdownReport.class);
    assertThat(Reports.extensions())
        .containsExactly(".json", ".jsonl", ".xml", ".html", ".csv", ".md");
  }

  @Test
  void anUnknownExtensionIsNamedWithTheSupportedOnes() {
    assertThatThrownBy(() -> Reports.forFile(Path.of("out.yaml")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "unsupported report format '.yaml' (report file 'out.yaml'); supported: .json, .jsonl, .xml, .html, .csv, .md")
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).code())
                    .isEqualTo("unsupported_report_format"));
    assertThatThrownBy(() -> Reports.forFile(Path.of("results")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("report file 'results' has no extension; supported: .json");
    assertThatThrownBy(() -> Reports.forFile(Path.of(".md"))).hasMessageContaining("no extension");
  }

  @Test
  void writeLeavesTheWholeFileAndNoTemporaryOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ci/out.xml");

    Reports.write(file, Fixtures.report(), Fixtures.reader(Fixtures.results()));

    assertThat(
            JunitXmlReportTest.parse(Files.readString(file))
                .getElementsByTagName("testcase")
                .getLength())
        .isEqualTo(8);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aFailedWriteLeavesNoFile(@TempDir Path dir) {
    Path file = dir.resolve("out.json");

    assertThatThrownBy(
            () ->
                Reports.write(
                    file,
                    Fixtures.report(),
                    () -> {
                      throw new IllegalStateException("store gone");
                    }))
        .hasMessage("store gone");

    assertThat(dir).isEmptyDirectory();
  }
}
