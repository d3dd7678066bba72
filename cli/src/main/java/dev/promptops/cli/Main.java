package dev.promptops.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The {@code promptops} executable: the only place that exits the JVM. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Logging.quiet();
    var out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code =
        new Cli(Path.of("").toAbsolutePath(), System.getenv()).run(System.in, out, err, args);
    System.exit(code);
  }
}
