package dev.promptops.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringTest {
  static AssertionResult result(boolean pass, double score, double weight) {
    var spec =
        new AssertionSpec(
            AssertionType.CONTAINS, false, Json.object().textNode("x"), null, weight, null, null);
    return new AssertionResult(spec, pass, score, "");
  }

  @Test
  void noAssertionsPassWithFullScore() {
    assertThat(Scoring.of(List.of(), null)).isEqualTo(new Scoring.Verdict(true, 1));
  }

  @Test
  void withoutAThresholdEveryAssertionMustPassAndTheScoreIsTheWeightedMean() {
    var v = Scoring.of(List.of(result(true, 1, 3), result(false, 0, 1)), null);
    assertThat(v.pass()).isFalse();
    assertThat(v.score()).isEqualTo(0.75);
  }

  @Test
  void aThresholdDecidesWhateverSingleAssertionsSay() {
    var results = List.of(result(true, 1, 3), result(false, 0, 1));
    assertThat(Scoring.of(results, 0.75).pass()).isTrue();
    assertThat(Scoring.of(results, 0.8).pass()).isFalse();
    assertThat(Scoring.of(results, 0.0).pass()).isTrue();
  }

  @Test
  void weightZeroStaysOutOfTheScoreButMustStillPass() {
    var v = Scoring.of(List.of(result(true, 1, 1), result(false, 0, 0)), null);
    assertThat(v.score()).isEqualTo(1);
    assertThat(v.pass()).isFalse();
    assertThat(Scoring.of(List.of(result(true, 0.4, 0), result(true, 0.6, 0)), null).score())
        .as("all weights 0: the plain mean")
        .isEqualTo(0.5);
  }
}
