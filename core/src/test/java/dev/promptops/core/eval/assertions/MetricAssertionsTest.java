package dev.promptops.core.eval.assertions;

import static dev.promptops.core.eval.assertions.Fixtures.ctx;
import static dev.promptops.core.eval.assertions.Fixtures.run;
import static dev.promptops.core.eval.assertions.Fixtures.vars;
import static dev.promptops.core.eval.assertions.TextAssertionsTest.fails;
import static dev.promptops.core.eval.assertions.TextAssertionsTest.passes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricAssertionsTest {

  @Test
  void levenshteinPassesWithinTheThresholdDefaultFive() {
    passes(run("{type: levenshtein, value: sitting}", "kitten"), "levenshtein distance 3 <= 5");
    passes(
        run("{type: levenshtein, value: sitting, threshold: 3}", "kitten"),
        "levenshtein distance 3 <= 3");
    fails(
        run("{type: levenshtein, value: sitting, threshold: 2}", "kitten"),
        "levenshtein distance 3 > 2");
    fails(
        run("{type: levenshtein, value: hello, threshold: 0}", "hello!"),
        "levenshtein distance 1 > 0");
    fails(
        run("{type: levenshtein, value: b}", "a".repeat(100)),
        "levenshtein distance at least 99 > 5");
  }

  @Test
  void levenshteinNegatedAndWithVariables() {
    var r =
        run("{type: not-levenshtein, value: '{{w}}', threshold: 1}", ctx("cat", vars("{w: cut}")));
    assertThat(r.pass()).isFalse();
    assertThat(r.reason()).isEqualTo("levenshtein distance 1 <= 1 (not-levenshtein)");
  }

  @Test
  void rougeScoresRecallAgainstTheDefaultThreshold() {
    var good = run("{type: rouge-n, value: the cat sat on the mat}", "The cat sat on the mat.");
    assertThat(good.pass()).isTrue();
    assertThat(good.score()).isEqualTo(1.0);
    assertThat(good.reason()).isEqualTo("ROUGE-N score 1.00 >= 0.75");
    var poor = run("{type: rouge-n, value: the cat sat on the mat}", "the cat");
    assertThat(poor.pass()).isFalse();
    assertThat(poor.score()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(poor.reason()).isEqualTo("ROUGE-N score 0.33 < 0.75");
    assertThat(
            run("{type: rouge-n, value: the cat sat on the mat, threshold: 0.3}", "the cat").pass())
        .isTrue();
  }

  @Test
  void negatedMetricsInvertTheScore() {
    var r = run("{type: not-rouge-n, value: the cat sat on the mat}", "the cat");
    assertThat(r.pass()).isTrue();
    assertThat(r.score()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(r.reason()).isEqualTo("ROUGE-N score 0.33 < 0.75 (not-rouge-n)");
    var b = run("{type: not-bleu, value: the cat sat on the mat}", "the cat sat on the mat");
    assertThat(b.pass()).isFalse();
    assertThat(b.score()).isZero();
  }

  @Test
  void bleuDefaultThresholdHalfAndSeveralReferences() {
    var r = run("{type: bleu, value: the cat sat on the mat}", "the cat sat");
    assertThat(r.pass()).isFalse();
    assertThat(r.score()).isCloseTo(Math.exp(-1), within(1e-12));
    assertThat(r.reason()).isEqualTo("BLEU score 0.37 < 0.5");
    passes(
        run("{type: bleu, value: [a dog ran, the cat sat], threshold: 1}", "the cat sat"),
        "BLEU score 1.00 >= 1");
  }

  @Test
  void emptyOutputScoresZeroForTextMetrics() {
    fails(
        run("{type: rouge-n, value: hello world}", " "), "output is empty: ROUGE-N score 0 < 0.75");
    fails(run("{type: bleu, value: hello world}", ""), "output is empty: BLEU score 0 < 0.5");
    assertThat(run("{type: not-bleu, value: hello world}", "").pass()).isTrue();
  }

  @Test
  void reasonsShowEnoughDecimalsToTellTheScoreFromTheThreshold() {
    assertThat(Format.measured(0.7499, 0.75)).isEqualTo("0.7499");
    assertThat(Format.measured(0.75, 0.75)).isEqualTo("0.75");
    assertThat(Format.measured(0.621, 0.75)).isEqualTo("0.62");
  }
}
