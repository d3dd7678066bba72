package dev.promptops.core.eval;

import java.util.List;

/**
 * Whether a run held its gate.
 *
 * @param reasons one line per part of the gate that failed ({@code pass rate 92.0% < 95.0%}); empty
 *     when it passed
 * @param infrastructure true when the run could not judge the prompt (too many cases without an
 *     answer, an interrupted run): CI should retry rather than blame the change
 */
public record GateVerdict(boolean pass, List<String> reasons, boolean infrastructure) {
  public GateVerdict {
    reasons = List.copyOf(reasons);
  }
}
