package dev.promptops.core.eval.suite;

import dev.promptops.core.PromptOpsException;
import dev.promptops.core.eval.TestCase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The test cases of one case file, read as they are asked for: a line (or row, or list item) is
 * read, checked, merged with the defaults and numbered, then forgotten. Only the few cases one line
 * expands to are held at once. The file is closed at its end or at the first error.
 */
final class FileCases implements Iterator<TestCase> {
  private final CaseFile file;
  private final CaseFormat format;
  private final Defaults defaults;
  private final Warnings warnings;
  private final MessageDigest varFiles;
  private final Runnable atEnd;
  private final RawCases raw;
  private final ArrayDeque<TestCase> pending = new ArrayDeque<>();
  private int next;
  private boolean closed;

  /**
   * @param atEnd run after the file is closed at its end (the run's check that it did not change)
   */
  FileCases(
      CaseFile file,
      CaseFormat format,
      Defaults defaults,
      int first,
      InputStream in,
      ExpectedShorthand shorthand,
      Warnings warnings,
      MessageDigest varFiles,
      Runnable atEnd) {
    this.file = file;
    this.format = format;
    this.defaults = defaults;
    this.next = first;
    this.warnings = warnings;
    this.varFiles = varFiles;
    this.atEnd = atEnd;
    try {
      this.raw = file.raw(in, shorthand, warnings);
    } catch (IOException | RuntimeException e) {
      quietly(in);
      throw failure(e);
    }
  }

  @Override
  public boolean hasNext() {
    try {
      while (pending.isEmpty() && !closed) {
        if (!raw.hasNext()) {
          close();
          atEnd.run();
          return false;
        }
        read(raw.next());
      }
      return !pending.isEmpty();
    } catch (RuntimeException e) {
      close();
      throw failure(e);
    }
  }

  private void read(RawCases.Raw r) {
    String line = Integer.toString(r.line());
    Site site = new Site(file.display() + ":" + line, file.display() + " lines", line);
    CaseDraft draft = format.draft(r.node(), site, warnings);
    var cases = format.cases(draft, defaults, next, varFiles);
    if ((long) next + cases.size() > Integer.MAX_VALUE) {
      throw SuiteErrors.invalid(site.where(), "too many cases", "split the suite");
    }
    next += cases.size();
    pending.addAll(cases);
  }

  @Override
  public TestCase next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.removeFirst();
  }

  private void close() {
    if (!closed) {
      closed = true;
      try {
        raw.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private RuntimeException failure(Exception e) {
    if (e instanceof PromptOpsException p) {
      return p;
    }
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return SuiteErrors.unreadable(file.display(), cause instanceof Exception x ? x : e);
  }

  private static void quietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the first error is the one to report
    }
  }
}
