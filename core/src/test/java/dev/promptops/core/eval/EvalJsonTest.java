package dev.promptops.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalJsonTest {
  @Test
  void aCaseResultSurvivesTheRoundTrip() throws Exception {
    var spec =
        new AssertionSpec(
            AssertionType.CONTAINS, true, Json.parse("\"sorry\""), 0.5, 2, "tone", null);
    var result =
        new CaseResult(
            "support/reply@3 on openai/gpt-4o-mini",
            41,
            1,
            "refund",
            Json.object().put("customer", "Ann"),
            new Output(
                "Hi Ann",
                null,
                List.of(),
                120,
                new BigDecimal("0.000012"),
                new Usage(9, 3),
                true,
                null),
            List.of(new AssertionResult(spec, true, 1, "does not contain \"sorry\"")),
            true,
            1);

    var back = EvalJson.caseResult(Json.parse(Json.write(EvalJson.caseResult(result))));

    assertThat(back).usingRecursiveComparison().isEqualTo(result);
  }

  @Test
  void aReportSurvivesTheRoundTrip() throws Exception {
    var summary =
        new VariantSummary(
            "v",
            "support/reply",
            3,
            "sha256:ab",
            "openai/gpt-4o-mini",
            false,
            10,
            9,
            1,
            0.9,
            Map.of("contains", new MetricSummary("contains", 10, 9, 9)),
            new Usage(100, 30),
            null,
            40,
            90,
            2,
            1,
            List.of(new CaseRef(3, 0, "case 4", 0, 1.0, "missing 'refund'")),
            List.of(new CaseRef(3, 0, "case 4", 0, null, "missing 'refund'")),
            "base",
            0.95);
    var report =
        new RunReport(
            "ev_1",
            "support",
            "sha256:cd",
            Instant.parse("2026-12-01T10:00:00Z"),
            Instant.parse("2026-12-01T10:01:00Z"),
            List.of(summary),
            new GateVerdict(false, List.of("pass rate 90.0% < 100.0%"), false),
            false,
            null);

    var back = EvalJson.report(Json.parse(Json.write(EvalJson.report(report))));

    assertThat(back).usingRecursiveComparison().isEqualTo(report);
  }

  @Test
  void anUnknownAssertionTypeListsTheKnownOnes() {
    assertThatThrownBy(() -> EvalJson.assertion(Json.object().put("type", "not-javascript")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'not-javascript'")
        .hasMessageNotContaining("icontains")
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).hint()).contains("icontains", "llm-rubric"));
  }
}
