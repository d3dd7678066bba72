package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.TestCase;
import dev.promptops.core.json.Json;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a suite's cases in order while the suite is read: cases written in the suite are merged
 * with the defaults and kept; each case file is read through once (every case checked, counted, the
 * file's bytes digested) and kept only as a path. The same pass builds the cases part of the
 * suite's digest.
 */
final class CasesBuilder {
  private final CaseFormat format;
  private final Defaults defaults;
  private final ExpectedShorthand shorthand;
  private final Warnings warnings;
  private final boolean varFiles;
  private final List<SuiteCases.Part> parts = new ArrayList<>();
  private final List<TestCase> written = new ArrayList<>();
  private final ArrayNode digest = Json.array();
  private long next;

  /**
   * @param varFiles whether cases may read variable files (promptfoo), digested per case file
   */
  CasesBuilder(
      CaseFormat format,
      Defaults defaults,
      ExpectedShorthand shorthand,
      Warnings warnings,
      boolean varFiles) {
    this.format = format;
    this.defaults = defaults;
    this.shorthand = shorthand;
    this.warnings = warnings;
    this.varFiles = varFiles;
  }

  void add(CaseDraft draft) {
    for (TestCase c : format.cases(draft, defaults, index(draft.site().where()), null)) {
      written.add(c);
      digest.add(SuiteDigest.testCase(c));
      next++;
    }
  }

  void add(CaseFile file, String where) {
    flush();
    MessageDigest bytes = Digests.sha256();
    MessageDigest vars = Digests.sha256();
    int first = index(where);
    InputStream in = file.openForScan(bytes, where);
    var cases =
        new FileCases(
            file,
            format,
            defaults,
            first,
            in,
            shorthand,
            warnings,
            varFiles ? vars : null,
            () -> {});
    long count = 0;
    while (cases.hasNext()) {
      cases.next();
      count++;
    }
    file.scanned(bytes, vars, varFiles);
    parts.add(new SuiteCases.FromFile(file, first));
    next += count;
    ObjectNode d = digest.addObject().put("file", file.written()).put("sha256", file.sha256());
    d.put("cases", count);
    if (file.varFilesSha256() != null) {
      d.put("varFiles", file.varFilesSha256());
    }
  }

  long count() {
    return next;
  }

  ArrayNode digest() {
    return digest;
  }

  SuiteCases build() {
    flush();
    return new SuiteCases(parts, format, defaults, shorthand, next);
  }

  private void flush() {
    if (!written.isEmpty()) {
      parts.add(new SuiteCases.Written(written));
      written.clear();
    }
  }

  private int index(String where) {
    if (next >= Integer.MAX_VALUE) {
      throw SuiteErrors.invalid(where, "the suite has too many cases", "split it");
    }
    return (int) next;
  }
}
