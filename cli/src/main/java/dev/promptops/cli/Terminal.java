package dev.promptops.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, for output that redraws itself (progress bars). */
final class Terminal {
  private Terminal() {}

  /**
   * True when file descriptor 2 is a terminal device and {@code TERM} is not {@code dumb}; false on
   * CI ({@code CI} set), when redirected to a file or a pipe, and where this cannot be told.
   */
  static boolean stderr(Context ctx) {
    if (ctx.env("CI") != null || "dumb".equals(ctx.env("TERM")) || ctx.env("TERM") == null) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return false;
    }
  }
}
