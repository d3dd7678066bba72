package dev.promptops.core.eval.report;

import static dev.promptops.core.eval.report.Fixtures.BASELINE;
import static dev.promptops.core.eval.report.Fixtures.CANDIDATE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.promptops.core.json.Json;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/** 20 000 results, made up as they are read, through every writer into files. */
class LargeRunReportTest {
  static final int RESULTS = 20_000;

  @TempDir Path dir;
  Fixtures.Generated results;

  @BeforeEach
  void generate() {
    results = new Fixtures.Generated(RESULTS, List.of(CANDIDATE, BASELINE));
  }

  @Test
  void junitXmlParsesWithEveryCaseAndConsistentCounts() throws Exception {
    Path file = write("out.xml");
    var cases = new AtomicInteger();
    var failures = new AtomicInteger();
    var declared = new AtomicInteger();
    SAXParserFactory.newInstance()
        .newSAXParser()
        .parse(
            file.toFile(),
            new DefaultHandler() {
              @Override
              public void startElement(String uri, String local, String name, Attributes attrs) {
                switch (name) {
                  case "testcase" -> cases.incrementAndGet();
                  case "failure" -> failures.incrementAndGet();
                  case "testsuites" -> declared.set(Integer.parseInt(attrs.getValue("tests")));
                  default -> {}
                }
              }
            });

    assertThat(cases).hasValue(RESULTS);
    assertThat(declared).hasValue(RESULTS);
    assertThat(failures.get()).isPositive().isLessThan(RESULTS / 4);
    assertThat(results.opened).isEqualTo(3);
    assertThat(results.closed).isEqualTo(results.opened);
  }

  @Test
  void jsonStreamsEveryResult() throws Exception {
    Path file = write("out.json");
    int count = 0;
    try (Reader in = Files.newBufferedReader(file);
        JsonParser json = Json.mapper().createParser(in)) {
      while (json.nextToken() != null) {
        if (json.currentToken() == JsonToken.FIELD_NAME
            && "results".equals(json.currentName())
            && json.getParsingContext().getParent().inRoot()) {
          json.nextToken();
          while (json.nextToken() == JsonToken.START_OBJECT) {
            json.skipChildren();
            count++;
          }
        }
      }
    }
    assertThat(count).isEqualTo(RESULTS);
    assertThat(Files.readAllLines(write("out.jsonl"))).hasSize(RESULTS);
  }

  @Test
  void csvHasARowPerResult() throws Exception {
    assertThat(CsvReportTest.read(Files.readString(write("out.csv")))).hasSize(RESULTS + 1);
  }

  @Test
  void htmlCapsItsMatrix() throws Exception {
    String html = Files.readString(write("out.html"));

    assertThat(HtmlReportTest.count(html, "<tr class=")).isEqualTo(HtmlReport.MAX_MATRIX_CASES);
    assertThat(html).contains("Showing the first 2000 of 10000 case runs");
    assertThat(results.opened).isEqualTo(1);
    assertThat(results.closed).isEqualTo(1);
  }

  @Test
  void markdownDoesNotReadTheResultsAtAll() throws Exception {
    assertThat(Files.size(write("out.md"))).isLessThan(MarkdownReport.MAX_CHARS);
    assertThat(results.opened).isZero();
  }

  private Path write(String name) throws Exception {
    Path file = dir.resolve(name);
    Reports.write(file, Fixtures.report(), results);
    return file;
  }
}
