package dev.promptops.core.eval;

import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/**
 * The cases of a suite, read as they are needed: a suite of 100 000 cases from a JSONL or CSV file
 * is never held in memory at once. Each {@link #open()} starts from the first case again (a
 * baseline run and every variant of a matrix read the cases anew).
 */
public interface CaseSource {

  /** The cases in order; a case that cannot be read throws a {@code PromptOpsException}. */
  Iterator<TestCase> open();

  /** How many cases there are, when known without reading them all (for progress and ETA). */
  OptionalLong size();

  /** Cases held in memory (inline in the suite file). */
  static CaseSource of(List<TestCase> cases) {
    List<TestCase> copy = List.copyOf(cases);
    return new CaseSource() {
      @Override
      public Iterator<TestCase> open() {
        return copy.iterator();
      }

      @Override
      public OptionalLong size() {
        return OptionalLong.of(copy.size());
      }
    };
  }
}
