package dev.promptops.core.eval;

import java.util.Iterator;

/**
 * The stored results of a run, read back in the order they were written, as often as needed (each
 * report makes its own pass). Never all in memory at once.
 */
@FunctionalInterface
public interface ResultReader {
  /** The results; close the iterator if it is {@link AutoCloseable}. */
  Iterator<CaseResult> open();
}
