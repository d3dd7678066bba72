package dev.promptops.core.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {
  @Test
  void theReportAndEveryResultInArrivalOrder() throws Exception {
    var report = Fixtures.report();
    JsonNode json =
        Json.parse(Fixtures.write(new JsonReport(), report, Fixtures.reader(Fixtures.results())));

    assertThat(json.properties()).extracting(e -> e.getKey()).containsExactly("report", "results");
    assertThat(EvalJson.report(json.get("report"))).usingRecursiveComparison().isEqualTo(report);
    var back = new ArrayList<CaseResult>();
    json.get("results").forEach(n -> back.add(EvalJson.caseResult(n)));
    assertThat(back).usingRecursiveComparison().isEqualTo(Fixtures.results());
  }

  @Test
  void noResultsIsAnEmptyList() throws Exception {
    JsonNode json =
        Json.parse(Fixtures.write(new JsonReport(), Fixtures.report(), Fixtures.reader(List.of())));

    assertThat(json.get("results").isArray()).isTrue();
    assertThat(json.get("results")).isEmpty();
  }

  @Test
  void jsonLinesHoldOneResultPerLine() throws Exception {
    String text =
        Fixtures.write(
            new JsonLinesReport(), Fixtures.report(), Fixtures.reader(Fixtures.results()));

    List<String> lines = text.lines().toList();
    assertThat(text).endsWith("}\n");
    assertThat(lines).hasSize(Fixtures.results().size());
    var back = new ArrayList<CaseResult>();
    for (String line : lines) {
      back.add(EvalJson.caseResult(Json.parse(line)));
    }
    assertThat(back).usingRecursiveComparison().isEqualTo(Fixtures.results());
  }
}
