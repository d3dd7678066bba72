package dev.promptops.core.eval;

/**
 * A case named in a summary (a regression, one of the worst cases) without its whole result.
 *
 * @param baselineScore the score the baseline version got on it; null when not compared
 * @param reason the first failing assertion's reason, or the run's error
 */
public record CaseRef(
    int caseIndex, int repeat, String name, double score, Double baselineScore, String reason) {}
