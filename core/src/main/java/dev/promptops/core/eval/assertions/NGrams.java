package dev.promptops.core.eval.assertions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts of the n-word sequences of a token list, the unit of ROUGE-N and BLEU. */
final class NGrams {
  private NGrams() {}

  /** Each n-gram (tokens joined by a space) and how often it occurs; empty when n > tokens. */
  static Map<String, Integer> count(List<String> tokens, int n) {
    var counts = new HashMap<String, Integer>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
    }
    return counts;
  }

  /** How many n-grams a token list has. */
  static int total(List<String> tokens, int n) {
    return Math.max(0, tokens.size() - n + 1);
  }

  /**
   * Matches of {@code candidate} in {@code reference}, each n-gram counted at most as often as the
   * reference has it.
   */
  static int clipped(Map<String, Integer> candidate, Map<String, Integer> reference) {
    int matches = 0;
    for (var e : candidate.entrySet()) {
      matches += Math.min(e.getValue(), reference.getOrDefault(e.getKey(), 0));
    }
    return matches;
  }
}
