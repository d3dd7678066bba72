package dev.promptops.core.eval.assertions;

import java.util.List;
import java.util.Locale;

/**
 * ROUGE-N recall, as promptfoo's {@code rouge-n} computes it with n = 1: how much of the
 * reference's n-grams the candidate has. Both texts are lowercased and split by {@link
 * TreebankTokenizer}; the score is the clipped n-gram matches over the reference's n-grams (a
 * reference word used twice must appear twice to count twice), so a text scores 1 against itself.
 */
final class RougeN {
  static final int N = 1;

  private RougeN() {}

  /** The recall, or NaN when the reference has no n-gram. */
  static double recall(String candidate, String reference, int n) {
    List<String> ref = TreebankTokenizer.tokenize(reference.toLowerCase(Locale.ROOT));
    int total = NGrams.total(ref, n);
    if (total == 0) {
      return Double.NaN;
    }
    List<String> cand = TreebankTokenizer.tokenize(candidate.toLowerCase(Locale.ROOT));
    return (double) NGrams.clipped(NGrams.count(cand, n), NGrams.count(ref, n)) / total;
  }
}
