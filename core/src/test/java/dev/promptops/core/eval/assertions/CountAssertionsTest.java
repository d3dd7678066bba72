package dev.promptops.core.eval.assertions;

import static dev.promptops.core.eval.assertions.Fixtures.run;
import static dev.promptops.core.eval.assertions.TextAssertionsTest.fails;
import static dev.promptops.core.eval.assertions.TextAssertionsTest.passes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountAssertionsTest {

  @Test
  void wordCountExactAndRanges() {
    passes(
        run("{type: word-count, value: 3}", "  one two\nthree "), "output has 3 words (exactly 3)");
    fails(
        run("{type: word-count, value: 2}", "one two three"),
        "output has 3 words, expected exactly 2");
    passes(
        run("{type: word-count, value: {min: 2, max: 3}}", "one two"),
        "output has 2 words (between 2 and 3)");
    fails(
        run("{type: word-count, value: {min: 5}}", "one two"),
        "output has 2 words, expected at least 5");
    fails(
        run("{type: word-count, value: {max: 1}}", "one two"),
        "output has 2 words, expected at most 1");
    passes(run("{type: word-count, value: '2'}", "a b"), "output has 2 words (exactly 2)");
    passes(run("{type: word-count, value: 0}", " \t\n"), "output has 0 words (exactly 0)");
  }

  @Test
  void wordsAreSplitOnJavaScriptWhiteSpaceIncludingUnicodeSpaces() {
    assertThat(Words.count("a\u00a0b\u2003c\u3000d\ufeffe")).isEqualTo(5);
    assertThat(Words.split(" über  straße ")).containsExactly("über", "straße");
    assertThat(Words.count("")).isZero();
  }

  @Test
  void lengthCountsCodePoints() {
    passes(run("{type: length, value: 5}", "héllo"), "output has 5 characters (exactly 5)");
    passes(run("{type: length, value: 2}", "👍🏽"), "output has 2 characters (exactly 2)");
    fails(
        run("{type: length, value: {max: 3}}", "four"),
        "output has 4 characters, expected at most 3");
    passes(run("{type: length, value: {min: 1}}", "x"), "output has 1 character (at least 1)");
  }

  @Test
  void negatedCounts() {
    var r = run("{type: not-word-count, value: {max: 3}}", "one two");
    assertThat(r.pass()).isFalse();
    assertThat(r.reason()).isEqualTo("output has 2 words (at most 3) (not-word-count)");
    assertThat(run("{type: not-length, value: 3}", "four").pass()).isTrue();
  }
}
