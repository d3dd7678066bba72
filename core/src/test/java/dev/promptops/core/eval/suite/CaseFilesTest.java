package dev.promptops.core.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.CaseSource;
import dev.promptops.core.eval.TestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseFilesTest {
  @TempDir Path dir;

  static String bad(String name) {
    return Origin.show(Fixtures.path("native/evals/bad/" + name));
  }

  static Throwable error(String suite) {
    Path file = Fixtures.path("native/evals/bad/" + suite);
    try {
      SuiteFile.read(file, Map.of());
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("no error for " + suite);
  }

  @Test
  void aBadCaseFileOfEachKindNamesTheFileAndLine() {
    assertThat(error("unclosed-quote-csv.yaml"))
        .hasMessage(
            bad("unclosed-quote.csv")
                + ":3: unclosed quote: the quoted field opened on line 3 never ends");
    assertThat(error("after-quote-csv.yaml"))
        .hasMessage(
            bad("after-quote.csv") + ":2: unexpected ' ' after the closing quote of field 1");
    assertThat(error("short-row-csv.yaml"))
        .hasMessage(bad("short-row.csv") + ":3: 1 fields, but the header has 2 columns");
    assertThat(error("bad-jsonl.yaml"))
        .hasMessageStartingWith(bad("bad.jsonl") + ":2: not valid JSON (line 1, column 19: ");
    assertThat(error("array-line-jsonl.yaml"))
        .hasMessage(bad("array-line.jsonl") + ":2: a line must be a JSON object, not a list");
    assertThat(error("bad-yaml.yaml"))
        .hasMessageStartingWith(
            bad("bad.yaml") + ":2: does not parse: while parsing a flow sequence");
    assertThat(error("not-a-list-json.yaml"))
        .hasMessage(bad("not-a-list.json") + ":1: must be a list of cases, not a single value");
  }

  @Test
  void anErrorInACaseOfAFileNamesItsLineAndAssertion() {
    Fixtures.write(dir, "p.prompt", "Hi");
    Fixtures.write(
        dir,
        "c.jsonl",
        "{\"vars\": {}}\n\n{\"vars\": {}, \"assert\": [{\"type\": \"contains\", \"weight\": \"2\"}]}\n");
    Path suite = Fixtures.write(dir, "s.yaml", "prompts: [p.prompt]\ncases: [{file: c.jsonl}]\n");

    assertThatThrownBy(() -> SuiteFile.read(suite, Map.of()))
        .hasMessage(
            Origin.show(dir.resolve("c.jsonl"))
                + ":3, assertion 1: weight must be a number, not text");
  }

  @Test
  void csvHeadersAreChecked() {
    Fixtures.write(dir, "p.prompt", "Hi");
    Path suite = Fixtures.write(dir, "s.yaml", "prompts: [p.prompt]\ncases: [{file: c.csv}]\n");
    String csv = Origin.show(dir.resolve("c.csv"));

    Fixtures.write(dir, "c.csv", "a,a\n1,2\n");
    assertThatThrownBy(() -> SuiteFile.read(suite, Map.of()))
        .hasMessage(csv + ":1: column 'a' appears twice");
    Fixtures.write(dir, "c.csv", "a,__config:__expected:weight\n1,2\n");
    assertThatThrownBy(() -> SuiteFile.read(suite, Map.of()))
        .hasMessage(
            csv
                + ":1: column __config:__expected:weight is not __config:__expected:threshold or"
                + " __config:__expectedN:threshold");
    Fixtures.write(dir, "c.csv", "a,__threshold\n1,high\n");
    assertThatThrownBy(() -> SuiteFile.read(suite, Map.of()))
        .hasMessage(csv + ":2: __threshold must be a number, not 'high'");
  }

  @Test
  void csvColumnsPromptOpsDoesNotUseAreWarnedAbout() {
    Fixtures.write(dir, "p.prompt", "Hi");
    Fixtures.write(dir, "c.csv", "q,_expected,__metadata:topic\na,b,c\n");
    Path suite = Fixtures.write(dir, "s.yaml", "prompts: [p.prompt]\ncases: [{file: c.csv}]\n");
    String csv = Origin.show(dir.resolve("c.csv"));

    LoadedSuite s = SuiteFile.read(suite, Map.of());

    assertThat(s.warnings())
        .containsExactly(
            csv + ": column _expected is a variable; did you mean __expected?",
            csv + ": column __metadata:topic is ignored (metadata only filters promptfoo runs)");
    assertThat(Fixtures.all(s.suite().cases()).getFirst().vars().toString())
        .isEqualTo("{\"q\":\"a\",\"_expected\":\"b\"}");
  }

  @Test
  void openReadsTheFileAgainEachTime() {
    Path suite = copyNative();
    CaseSource cases = SuiteFile.read(suite, Map.of()).suite().cases();

    assertThat(Fixtures.all(cases)).hasSize(13);
    assertThat(Fixtures.all(cases)).hasSize(13);
    Iterator<TestCase> a = cases.open();
    Iterator<TestCase> b = cases.open();
    assertThat(a.next().index()).isEqualTo(b.next().index()).isZero();
  }

  @Test
  void aCaseFileThatChangedAfterReadingIsRefused() throws Exception {
    Path suite = copyNative();
    CaseSource cases = SuiteFile.read(suite, Map.of()).suite().cases();
    Path csv = suite.resolveSibling("cases/support.csv");
    String text = Files.readString(csv);
    FileTime time = Files.getLastModifiedTime(csv);

    Files.writeString(csv, text.replace("plain", "PLAIN"));
    Files.setLastModifiedTime(csv, time);

    Iterator<TestCase> it = cases.open();
    assertThatThrownBy(() -> it.forEachRemaining(c -> {}))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("case_file_changed"))
        .hasMessage(Origin.show(csv) + ": the case file changed after the suite was read");

    Files.writeString(csv, text + "extra,contains: x,,,,,\n");
    assertThatThrownBy(() -> Fixtures.all(cases))
        .hasMessage(Origin.show(csv) + ": the case file changed after the suite was read");
  }

  private Path copyNative() {
    Fixtures.copy("native", dir);
    return dir.resolve("evals/support.yaml");
  }
}
