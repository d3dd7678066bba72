package dev.promptops.core.eval.report;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.eval.RunReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * The report formats, chosen by file extension as promptfoo's {@code -o FILE} chooses them: {@code
 * .json}, {@code .jsonl}, {@code .xml} (JUnit XML), {@code .html}, {@code .csv}, {@code .md}.
 */
public final class Reports {
  private static final List<ReportWriter> WRITERS =
      List.of(
          new JsonReport(),
          new JsonLinesReport(),
          new JunitXmlReport(),
          new HtmlReport(),
          new CsvReport(),
          new MarkdownReport());

  private Reports() {}

  /** The extensions {@link #forFile} knows, with their dots, in a fixed order. */
  public static List<String> extensions() {
    return WRITERS.stream().map(ReportWriter::extension).toList();
  }

  /**
   * The writer for {@code file}'s extension (case does not matter).
   *
   * @throws InvalidInputException for any other extension, naming it and the supported ones
   */
  public static ReportWriter forFile(Path file) {
    Path name = file.getFileName();
    String fileName = name == null ? "" : name.toString();
    int dot = fileName.lastIndexOf('.');
    String extension = dot <= 0 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
    return WRITERS.stream()
        .filter(w -> w.extension().equals(extension))
        .findFirst()
        .orElseThrow(() -> unsupported(file, extension));
  }

  /**
   * Writes the report {@code file}'s extension asks for. The file appears whole or not at all: the
   * report goes to a temporary file beside it, moved into place once complete.
   */
  public static void write(Path file, RunReport report, ResultReader results) throws IOException {
    ReportWriter writer = forFile(file);
    Path target = file.toAbsolutePath();
    Path parent = target.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // not Files.createTempFile: its owner-only permissions would stay on the report
    Path temp =
        target.resolveSibling("." + target.getFileName() + "." + System.nanoTime() + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
        writer.write(report, results, out);
      }
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static InvalidInputException unsupported(Path file, String extension) {
    String supported = String.join(", ", extensions());
    String what =
        extension.isEmpty()
            ? "report file '" + file + "' has no extension"
            : "unsupported report format '" + extension + "' (report file '" + file + "')";
    return new InvalidInputException(
        "unsupported_report_format",
        what + "; supported: " + supported,
        "name the report file with one of " + supported + ", e.g. results.xml for JUnit XML");
  }
}
