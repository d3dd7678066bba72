package dev.promptops.core.eval.suite;

import dev.promptops.core.eval.CaseSource;
import dev.promptops.core.eval.TestCase;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * The cases of a suite in order: the ones written in the suite (held, already merged with the
 * defaults) and those of its case files (read anew from disk on every {@link #open()}, never held).
 * Indexes count from 0 across all of them. The size is known: reading the suite counted every file.
 */
final class SuiteCases implements CaseSource {

  /** A run of consecutive cases: written in the suite, or one case file. */
  sealed interface Part permits Written, FromFile {}

  /** Cases written in the suite itself. */
  record Written(List<TestCase> cases) implements Part {
    Written {
      cases = List.copyOf(cases);
    }
  }

  /** A case file whose first case has index {@code first}. */
  record FromFile(CaseFile file, int first) implements Part {}

  private final List<Part> parts;
  private final CaseFormat format;
  private final Defaults defaults;
  private final ExpectedShorthand shorthand;
  private final long size;

  SuiteCases(
      List<Part> parts,
      CaseFormat format,
      Defaults defaults,
      ExpectedShorthand shorthand,
      long size) {
    this.parts = List.copyOf(parts);
    this.format = format;
    this.defaults = defaults;
    this.shorthand = shorthand;
    this.size = size;
  }

  @Override
  public Iterator<TestCase> open() {
    return new Iterator<>() {
      private int part;
      private Iterator<TestCase> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (part == parts.size()) {
            return false;
          }
          current = open(parts.get(part++));
        }
        return true;
      }

      @Override
      public TestCase next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  private Iterator<TestCase> open(Part part) {
    return switch (part) {
      case Written w -> w.cases().iterator();
      case FromFile f -> {
        MessageDigest digest = Digests.sha256();
        yield new FileCases(
            f.file(),
            format,
            defaults,
            f.first(),
            f.file().openForRun(digest),
            shorthand,
            Warnings.NONE,
            null,
            () -> f.file().checkUnchanged(digest));
      }
    };
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(size);
  }
}
