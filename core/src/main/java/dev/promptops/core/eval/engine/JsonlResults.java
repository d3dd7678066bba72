package dev.promptops.core.eval.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.ResultReader;
import dev.promptops.core.json.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A run's results as a JSON Lines file, one {@link EvalJson#caseResult} per line: appended as they
 * arrive (a resumed run appends to the same file), flushed every {@value #FLUSH_EVERY} results and
 * on {@link #flush()}, read back line by line. A last line cut short by a crash is skipped when
 * read, so an interrupted run loses at most the results that were not yet flushed.
 */
public final class JsonlResults implements ResultSink {
  static final int FLUSH_EVERY = 256;

  private final Path file;
  private final BufferedWriter out;
  private int unflushed;

  private JsonlResults(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /** Opens {@code file} for appending, creating it and its folder if needed. */
  public static JsonlResults append(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      terminateLastLine(file);
      return new JsonlResults(
          file,
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the results file " + file, e);
    }
  }

  /** A line cut short by a crash is ended, so the next result starts on a line of its own. */
  private static void terminateLastLine(Path file) throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) {
      return;
    }
    try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
      var last = java.nio.ByteBuffer.allocate(1);
      ch.read(last, ch.size() - 1);
      if (last.get(0) == '\n') {
        return;
      }
    }
    Files.writeString(file, "\n", StandardOpenOption.APPEND);
  }

  public Path file() {
    return file;
  }

  @Override
  public void accept(CaseResult result) {
    String line = Json.write(EvalJson.caseResult(result)); // outside the lock: the costly part
    synchronized (this) {
      try {
        out.write(line);
        out.write('\n');
        if (++unflushed >= FLUSH_EVERY) {
          out.flush();
          unflushed = 0;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the results file " + file, e);
      }
    }
  }

  @Override
  public synchronized void flush() {
    try {
      out.flush();
      unflushed = 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the results file " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the results file " + file, e);
    }
  }

  /**
   * The results in {@code file}, read line by line at each {@code open()}; none if it is absent.
   */
  public static ResultReader reader(Path file) {
    return () -> new Lines(file);
  }

  /** Reads results lazily; a line that does not parse is skipped only when it is the last one. */
  private static final class Lines implements Iterator<CaseResult>, AutoCloseable {
    private final Path file;
    private final BufferedReader in;
    private String pendingLine;
    private int lineNumber;
    private CaseResult next;

    Lines(Path file) {
      this.file = file;
      try {
        this.in = Files.exists(file) ? Files.newBufferedReader(file, StandardCharsets.UTF_8) : null;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the results file " + file, e);
      }
    }

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      if (in == null) {
        return false;
      }
      try {
        String line = pendingLine != null ? pendingLine : in.readLine();
        pendingLine = null;
        while (line != null && line.isBlank()) {
          lineNumber++;
          line = in.readLine();
        }
        if (line == null) {
          close();
          return false;
        }
        lineNumber++;
        String following = in.readLine();
        try {
          next = EvalJson.caseResult(Json.parse(line));
        } catch (JsonProcessingException e) {
          if (following != null) {
            throw new PromptOpsException(
                ErrorKind.INVALID,
                "damaged_results",
                file + ":" + lineNumber + " is not a result: " + e.getOriginalMessage(),
                "the results file was edited or damaged; run the suite again without --resume");
          }
          close();
          return false;
        }
        pendingLine = following;
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the results file " + file, e);
      }
    }

    @Override
    public CaseResult next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      CaseResult r = next;
      next = null;
      return r;
    }

    @Override
    public void close() {
      if (in != null) {
        try {
          in.close();
        } catch (IOException e) {
          // nothing to lose when a reader fails to close
        }
      }
    }
  }
}
