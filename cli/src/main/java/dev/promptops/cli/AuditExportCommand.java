package dev.promptops.cli;

import dev.promptops.core.audit.AuditCheckpoint;
import dev.promptops.core.wire.Wire;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export audit entries as JSON Lines, oldest first: the project's, or with --all the"
          + " server's. `--all` without filters exports the whole chain, which `audit verify"
          + " --file` checks offline against the checkpoints saved with --checkpoints."
    })
final class AuditExportCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;
  @Mixin private AuditFilterOptions filters;

  @Option(
      names = {"-o", "--output-file"},
      paramLabel = "FILE",
      description = "write the entries to FILE (default: standard output)")
  private String file;

  @Option(
      names = "--checkpoints",
      paramLabel = "FILE",
      description = "also write every signed checkpoint to FILE (server admins)")
  private String checkpoints;

  AuditExportCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    try (var client = connection.client()) {
      if (checkpoints != null) {
        // Before the entries: every checkpoint then signs an entry the export holds.
        List<AuditCheckpoint> all = client.auditCheckpoints();
        Path path = ctx.resolve(checkpoints);
        try (BufferedWriter out = AuditFiles.writer(path)) {
          all.forEach(c -> AuditFiles.writeLine(out, Wire.checkpoint(c), path));
        }
        ctx.err().println("exported " + all.size() + " checkpoints to " + ctx.show(path));
        if (!filters.wholeChain(project)) {
          ctx.err()
              .println(
                  "note: these entries are not the whole chain; for `audit verify --file`,"
                      + " export with --all and no filter");
        }
      }
      Path path = file == null ? null : ctx.resolve(file);
      var count = new AtomicLong();
      try (BufferedWriter out = path == null ? stdout() : AuditFiles.writer(path)) {
        client.exportAudit(
            filters.project(project),
            filters.filter(project),
            e -> {
              AuditFiles.writeLine(out, Wire.audit(e), path == null ? Path.of("-") : path);
              count.incrementAndGet();
            });
      }
      if (path != null) {
        ctx.err().println("exported " + count.get() + " audit entries to " + ctx.show(path));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return ExitCodes.OK;
  }

  /** Standard output, flushed but not closed at the end. */
  private BufferedWriter stdout() {
    PrintWriter out = ctx.out();
    return new BufferedWriter(
        new Writer() {
          @Override
          public void write(char[] buf, int off, int len) {
            out.write(buf, off, len);
          }

          @Override
          public void flush() {
            out.flush();
          }

          @Override
          public void close() {
            out.flush();
          }
        });
  }
}
