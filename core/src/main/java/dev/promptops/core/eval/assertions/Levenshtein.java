package dev.promptops.core.eval.assertions;

import java.util.Arrays;

/**
 * Levenshtein distance: the fewest single-character insertions, deletions and substitutions that
 * turn one text into the other, counting Unicode code points (an emoji is one character).
 *
 * <p>Long texts stay cheap: a common prefix and suffix are skipped, a length difference above the
 * limit answers at once, and beyond {@link #MAX_CELLS} table cells only a band of width {@code 2 ×
 * limit + 1} is computed (Ukkonen), which tells the distance when it is within the limit and only
 * that it exceeds the limit otherwise.
 */
final class Levenshtein {
  static final long MAX_CELLS = 50_000_000;
  private static final int FAR = Integer.MAX_VALUE / 2;

  private Levenshtein() {}

  /**
   * A measured distance.
   *
   * @param distance the distance, or (when {@code lowerBound}) a number it is at least
   * @param lowerBound true when only a lower bound above the limit is known
   */
  record Distance(long distance, boolean lowerBound) {}

  /**
   * The distance between {@code a} and {@code b}, exact when it is at most {@code limit}.
   *
   * @throws IllegalArgumentException when the texts are too long to compare within the limit
   */
  static Distance between(String a, String b, long limit) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int prefix = 0;
    while (prefix < x.length && prefix < y.length && x[prefix] == y[prefix]) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < x.length - prefix
        && suffix < y.length - prefix
        && x[x.length - 1 - suffix] == y[y.length - 1 - suffix]) {
      suffix++;
    }
    x = Arrays.copyOfRange(x, prefix, x.length - suffix);
    y = Arrays.copyOfRange(y, prefix, y.length - suffix);
    return core(x.length <= y.length ? x : y, x.length <= y.length ? y : x, limit);
  }

  private static Distance core(int[] shorter, int[] longer, long limit) {
    int gap = longer.length - shorter.length;
    if (shorter.length == 0) {
      return new Distance(gap, false);
    }
    if (gap > limit) {
      return new Distance(gap, true);
    }
    if ((long) shorter.length * longer.length <= MAX_CELLS) {
      return new Distance(full(longer, shorter), false);
    }
    int band = (int) Math.min(limit, longer.length);
    if ((2L * band + 1) * longer.length > MAX_CELLS) {
      throw new IllegalArgumentException(
          "the texts are too long to compare ("
              + longer.length
              + " and "
              + shorter.length
              + " characters that differ)");
    }
    int d = banded(longer, shorter, band);
    return d > band ? new Distance(band + 1L, true) : new Distance(d, false);
  }

  /** The whole table, two rows at a time. */
  static int full(int[] a, int[] b) {
    int[] prev = new int[b.length + 1];
    int[] cur = new int[b.length + 1];
    for (int j = 0; j <= b.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length; j++) {
        int cost = a[i - 1] == b[j - 1] ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length];
  }

  /** The cells within {@code k} of the diagonal; a result above {@code k} means "more than k". */
  static int banded(int[] a, int[] b, int k) {
    int[] prev = new int[b.length + 2];
    int[] cur = new int[b.length + 2];
    Arrays.fill(prev, FAR);
    for (int j = 0; j <= Math.min(b.length, k); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length; i++) {
      int lo = Math.max(1, i - k);
      int hi = Math.min(b.length, i + k);
      cur[lo - 1] = lo == 1 ? i : FAR;
      int best = cur[lo - 1];
      for (int j = lo; j <= hi; j++) {
        int cost = a[i - 1] == b[j - 1] ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        best = Math.min(best, cur[j]);
      }
      cur[hi + 1] = FAR;
      if (best > k) {
        return k + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[b.length], k + 1);
  }
}
