package dev.promptops.core.eval.report;

import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.eval.RunReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes one report format from a run's totals and its results. A writer streams: it reads the
 * results through {@link ResultReader} (once, or once per variant) and keeps only bounded state, so
 * a run of 100 000 cases costs no more memory than one of ten. Writers are stateless and
 * thread-safe; they flush {@code out} but never close it.
 */
public interface ReportWriter {
  /** The file extension of this format, with its dot: {@code .xml}. */
  String extension();

  /** Writes the report as text; a format that declares an encoding declares UTF-8. */
  void write(RunReport report, ResultReader results, Writer out) throws IOException;

  /** Writes the report as UTF-8. */
  default void write(RunReport report, ResultReader results, OutputStream out) throws IOException {
    var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    write(report, results, writer);
    writer.flush();
  }
}
