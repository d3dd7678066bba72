package dev.promptops.core.eval.suite;

import dev.promptops.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A case file a suite names ({@code .csv}, {@code .jsonl}, {@code .yaml}/{@code .yml}, {@code
 * .json}), read as a stream whenever its cases are needed. When the suite is read, the file is read
 * once to check every case and to take its fingerprint: the SHA-256 of its bytes, how many cases it
 * holds, and (promptfoo) the SHA-256 of the variable files its cases name. A later reading refuses
 * a file whose size, time or bytes changed since, so a run never runs other cases than those the
 * suite's digest covers.
 */
final class CaseFile {
  enum Kind {
    CSV,
    JSONL,
    JSON,
    YAML
  }

  private final Path path;
  private final String written;
  private final String display;
  private final Kind kind;
  private long bytes = -1;
  private FileTime modified;
  private String sha256;
  private String varFilesSha256;

  private CaseFile(Path path, String written, Kind kind) {
    this.path = path;
    this.written = written;
    this.display = Origin.show(path);
    this.kind = kind;
  }

  /**
   * @param written the path as the digest records it (relative to the suite file)
   * @param where where the suite names the file, for the error on an unknown extension
   */
  static CaseFile of(Path path, String written, String where) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    Kind kind =
        name.endsWith(".csv")
            ? Kind.CSV
            : name.endsWith(".jsonl")
                ? Kind.JSONL
                : name.endsWith(".json")
                    ? Kind.JSON
                    : name.endsWith(".yaml") || name.endsWith(".yml") ? Kind.YAML : null;
    if (kind == null) {
      throw SuiteErrors.unsupported(
          where,
          "case file " + written + " is not .csv, .jsonl, .json, .yaml or .yml",
          "convert it to one of these (an Excel sheet can be saved as CSV)");
    }
    return new CaseFile(path, written, kind);
  }

  String written() {
    return written;
  }

  String display() {
    return display;
  }

  String sha256() {
    return sha256;
  }

  /** SHA-256 over the path and digest of every variable file the cases read; null for none. */
  String varFilesSha256() {
    return varFilesSha256;
  }

  /** The raw cases of a stream of this file's bytes. */
  RawCases raw(InputStream in, ExpectedShorthand shorthand, Warnings warnings) throws IOException {
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    return switch (kind) {
      case CSV -> new CsvRawCases(new BufferedReader(reader), display, shorthand, warnings);
      case JSONL -> new JsonlRawCases(new BufferedReader(reader), display);
      case JSON -> new TreeRawCases(reader, false, display);
      case YAML -> new TreeRawCases(reader, true, display);
    };
  }

  /**
   * Opens the file for the reading that checks it: every byte goes through {@code digest}, and
   * closing the returned stream reads to the end first, so the digest covers the whole file.
   */
  InputStream openForScan(MessageDigest digest, String where) {
    try {
      bytes = Files.size(path);
      modified = Files.getLastModifiedTime(path);
      return new Drained(new DigestInputStream(new FileInputStream(path.toFile()), digest));
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw SuiteErrors.invalid(
          where, "case file not found: " + display, "check the path; it is relative to the suite");
    } catch (IOException e) {
      throw SuiteErrors.unreadable(display, e);
    }
  }

  void scanned(MessageDigest bytesDigest, MessageDigest varFiles, boolean readVarFiles) {
    sha256 = HexFormat.of().formatHex(bytesDigest.digest());
    varFilesSha256 = readVarFiles ? HexFormat.of().formatHex(varFiles.digest()) : null;
  }

  /** Opens the file for a run, refusing it when it changed since the suite was read. */
  InputStream openForRun(MessageDigest digest) {
    try {
      if (Files.size(path) != bytes || !Files.getLastModifiedTime(path).equals(modified)) {
        throw changed();
      }
      return new Drained(new DigestInputStream(new FileInputStream(path.toFile()), digest));
    } catch (IOException e) {
      throw SuiteErrors.unreadable(display, e);
    }
  }

  /** Checks, at the end of a run's reading, that the bytes read were the bytes digested. */
  void checkUnchanged(MessageDigest digest) {
    if (!HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
      throw changed();
    }
  }

  private InvalidInputException changed() {
    return new InvalidInputException(
        SuiteErrors.CHANGED,
        display + ": the case file changed after the suite was read",
        "read the suite again, and keep case files unchanged while a run reads them");
  }

  /** A stream whose {@code close} first reads what is left, so a digest of it is complete. */
  private static final class Drained extends FilterInputStream {
    Drained(InputStream in) {
      super(in);
    }

    @Override
    public void close() throws IOException {
      try {
        in.transferTo(OutputStream.nullOutputStream());
      } finally {
        super.close();
      }
    }
  }
}
