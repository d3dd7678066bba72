package dev.promptops.core.eval.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The text metrics against values computed by hand. */
class MetricsTest {

  static long distance(String a, String b) {
    var d = Levenshtein.between(a, b, Long.MAX_VALUE);
    assertThat(d.lowerBound()).isFalse();
    return d.distance();
  }

  @Test
  void levenshteinCountsEditsOfCodePoints() {
    assertThat(distance("kitten", "sitting")).isEqualTo(3);
    assertThat(distance("flaw", "lawn")).isEqualTo(2);
    assertThat(distance("", "abc")).isEqualTo(3);
    assertThat(distance("same", "same")).isZero();
    assertThat(distance("👍a", "a")).as("an emoji is one character").isEqualTo(1);
    assertThat(distance("colour", "color")).isEqualTo(1);
  }

  @Test
  void levenshteinAnswersAtOnceWhenTheLengthsDifferByMoreThanTheLimit() {
    var d = Levenshtein.between("b", "a".repeat(1_000_000), 5);
    assertThat(d).isEqualTo(new Levenshtein.Distance(999_999, true));
  }

  @Test
  void levenshteinOnLongTextsComputesABandOnly() {
    String a = "xx" + "ab".repeat(6_000) + "yy";
    String b = "zz" + "ab".repeat(6_000) + "ww";
    assertThat((long) a.length() * b.length()).isGreaterThan(Levenshtein.MAX_CELLS);
    assertThat(Levenshtein.between(a, b, 5)).isEqualTo(new Levenshtein.Distance(4, false));
    assertThat(Levenshtein.between(a, b, 3)).isEqualTo(new Levenshtein.Distance(4, true));
  }

  @Test
  void theBandAgreesWithTheFullTable() {
    var random = new Random(42);
    for (int round = 0; round < 500; round++) {
      int[] x = random.ints(random.nextInt(30), 'a', 'd').toArray();
      int[] y = random.ints(random.nextInt(30), 'a', 'd').toArray();
      int full = Levenshtein.full(x.length >= y.length ? x : y, x.length >= y.length ? y : x);
      for (int k = 0; k < 8; k++) {
        int banded =
            Levenshtein.banded(x.length >= y.length ? x : y, x.length >= y.length ? y : x, k);
        if (Math.abs(x.length - y.length) <= k) {
          assertThat(banded).as("k=%d", k).isEqualTo(Math.min(full, k + 1));
        }
      }
    }
  }

  @Test
  void treebankTokensAsJsRougeSplitsThem() {
    assertThat(TreebankTokenizer.tokenize("They'll save and invest more."))
        .containsExactly("They", "'ll", "save", "and", "invest", "more", ".");
    assertThat(TreebankTokenizer.tokenize("hi, my name can't hello,"))
        .containsExactly("hi", ",", "my", "name", "ca", "n't", "hello", ",");
    assertThat(TreebankTokenizer.tokenize("Good muffins cost $3.88 in New York."))
        .containsExactly("Good", "muffins", "cost", "$", "3.88", "in", "New", "York", ".");
    assertThat(TreebankTokenizer.tokenize("\"We beat some teams,\" Slocum said."))
        .containsExactly("``", "We", "beat", "some", "teams", ",", "''", "Slocum", "said", ".");
    assertThat(TreebankTokenizer.tokenize("I cannot (really) go... gonna try"))
        .containsExactly("I", "can", "not", "(", "really", ")", "go", "...", "gon", "na", "try");
    assertThat(TreebankTokenizer.tokenize("two\nlines")).containsExactly("two", "lines");
    assertThat(TreebankTokenizer.tokenize(" \n ")).isEmpty();
  }

  @Test
  void rougeOneIsClippedRecallOfTheReferenceWords() {
    String ref = "the cat sat on the mat";
    assertThat(RougeN.recall(ref, ref, 1)).isEqualTo(1.0);
    assertThat(RougeN.recall("the cat", ref, 1)).isCloseTo(2.0 / 6, within(1e-12));
    assertThat(RougeN.recall("the the the the", ref, 1)).isCloseTo(2.0 / 6, within(1e-12));
    assertThat(RougeN.recall("The CAT", "the cat", 1)).isEqualTo(1.0);
    assertThat(RougeN.recall("hello, world.", "hello world", 1)).isEqualTo(1.0);
    assertThat(RougeN.recall("hello world", "hello, world.", 1)).isEqualTo(0.5);
    assertThat(RougeN.recall("a b c", "a b d", 2)).isCloseTo(0.5, within(1e-12));
    assertThat(RougeN.recall("anything", " ", 1)).isNaN();
  }

  @Test
  void bleuMatchesPromptfooOnHandComputedCases() {
    assertThat(Bleu.score("the cat sat on the mat", List.of("the cat sat on the mat")))
        .isEqualTo(1.0);
    assertThat(Bleu.score("the cat sat", List.of("the cat sat on the mat")))
        .as("orders 1-3 precise, order 4 left out; brevity penalty exp(1 - 6/3)")
        .isCloseTo(Math.exp(-1), within(1e-12));
    assertThat(Bleu.score("the the the", List.of("the cat")))
        .as("p1 = 1/3, p2 = p3 = 0 smoothed to 1e-7, no brevity penalty")
        .isCloseTo(1.4938015821857213e-05, within(1e-15));
    assertThat(Bleu.score("a b c d e", List.of("a b c d x y")))
        .as("p = 4/5, 3/4, 2/3, 1/2; brevity penalty exp(1 - 6/5)")
        .isCloseTo(0.5475182535069453, within(1e-12));
    assertThat(Bleu.score("The Cat Sat", List.of("the cat sat"))).isEqualTo(1.0);
  }

  @Test
  void bleuTakesTheBestReferenceAndIgnoresBlankOnes() {
    assertThat(Bleu.score("the cat sat", List.of("a dog ran", "the cat sat"))).isEqualTo(1.0);
    assertThat(Bleu.score("the cat sat", List.of(" ", "the cat sat"))).isEqualTo(1.0);
    assertThat(Bleu.score("the cat sat", List.of("", " "))).isZero();
    assertThat(Bleu.score("", List.of("the cat"))).isZero();
    assertThat(Bleu.closestLength(3, List.of(List.of("a", "b", "c", "d"), List.of("a", "b"))))
        .as("a tie goes to the shorter reference")
        .isEqualTo(2);
    assertThat(Bleu.brevityPenalty(4, 3)).isEqualTo(1.0);
    assertThat(Bleu.brevityPenalty(3, 3)).isEqualTo(1.0);
  }

  @Test
  void cosineSimilarity() {
    assertThat(Cosine.similarity(new float[] {1, 0}, new float[] {1, 0})).isEqualTo(1.0);
    assertThat(Cosine.similarity(new float[] {1, 0}, new float[] {0, 2})).isZero();
    assertThat(Cosine.similarity(new float[] {3, 4}, new float[] {4, 3}))
        .isCloseTo(0.96, within(1e-6));
    assertThat(Cosine.similarity(new float[] {1, 1}, new float[] {-1, -1}))
        .isCloseTo(-1, within(1e-12));
    assertThatThrownBy(() -> Cosine.similarity(new float[] {1}, new float[] {1, 2}))
        .hasMessage("the embeddings differ in length (1 and 2)");
    assertThatThrownBy(() -> Cosine.similarity(new float[] {0, 0}, new float[] {1, 2}))
        .hasMessage("the embeddings provider returned a zero or non-finite vector");
    assertThatThrownBy(() -> Cosine.similarity(new float[0], new float[0]))
        .hasMessage("the embeddings provider returned no vector");
  }
}
