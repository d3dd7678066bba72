package dev.promptops.core.eval.suite;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What reading a suite noticed without refusing it (an ignored key, a column PromptOps does not
 * use). Each text is kept once, in the order first seen; {@link #NONE} drops everything, for the
 * second reading of a case file when a run opens it.
 */
final class Warnings {
  static final Warnings NONE = new Warnings(false);

  private final boolean keep;
  private final Set<String> texts = new LinkedHashSet<>();

  Warnings() {
    this(true);
  }

  private Warnings(boolean keep) {
    this.keep = keep;
  }

  void add(String text) {
    if (keep && texts.size() < 200) {
      texts.add(text);
    }
  }

  List<String> list() {
    return List.copyOf(texts);
  }
}
