package dev.promptops.core.eval.assertions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sentence BLEU as promptfoo's {@code bleu} computes it (Papineni et al. 2002, with promptfoo's
 * smoothing): texts lowercased and split on white space ({@link Words}); modified precision of 1-
 * to 4-grams with equal weights, each n-gram clipped by its count in the best-matching reference; a
 * precision of 0 smoothed to 1e-7; orders the candidate is too short to have left out and the
 * weights renormalized over the rest; times the brevity penalty {@code exp(1 - r/c)} when the
 * candidate (c words) is not longer than the reference closest in length (r words; on a tie the
 * shorter). Blank references are ignored.
 */
final class Bleu {
  static final int MAX_N = 4;
  static final double SMOOTHING = 1e-7;

  private Bleu() {}

  /** The score in [0, 1]; 0 for a blank candidate or when every reference is blank. */
  static double score(String candidate, List<String> references) {
    List<String> cand = tokens(candidate);
    List<List<String>> refs = new ArrayList<>();
    for (String r : references) {
      List<String> t = tokens(r);
      if (!t.isEmpty()) {
        refs.add(t);
      }
    }
    if (cand.isEmpty() || refs.isEmpty()) {
      return 0;
    }
    return brevityPenalty(cand.size(), closestLength(cand.size(), refs)) * precisions(cand, refs);
  }

  private static List<String> tokens(String text) {
    return Words.split(text.toLowerCase(Locale.ROOT));
  }

  /** The geometric mean of the usable orders' precisions, weights renormalized. */
  private static double precisions(List<String> cand, List<List<String>> refs) {
    double logSum = 0;
    int orders = 0;
    for (int n = 1; n <= MAX_N; n++) {
      int total = NGrams.total(cand, n);
      if (total == 0) {
        continue;
      }
      Map<String, Integer> counts = NGrams.count(cand, n);
      int best = 0;
      for (List<String> ref : refs) {
        best = Math.max(best, NGrams.clipped(counts, NGrams.count(ref, n)));
      }
      double p = (double) best / total;
      logSum += Math.log(p == 0 ? SMOOTHING : p);
      orders++;
    }
    return Math.exp(logSum / orders);
  }

  static int closestLength(int length, List<List<String>> refs) {
    int closest = refs.getFirst().size();
    for (List<String> ref : refs) {
      int d = Math.abs(ref.size() - length);
      int best = Math.abs(closest - length);
      if (d < best || (d == best && ref.size() < closest)) {
        closest = ref.size();
      }
    }
    return closest;
  }

  static double brevityPenalty(int candidate, int reference) {
    return candidate > reference ? 1 : Math.exp(1 - (double) reference / candidate);
  }
}
