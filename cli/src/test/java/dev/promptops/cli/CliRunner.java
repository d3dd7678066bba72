package dev.promptops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the command line in-process, as a user would in {@code workDir}, and captures it all. */
final class CliRunner {
  /** What a run printed and returned. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Path workDir;
  private final Map<String, String> env = new HashMap<>();
  private byte[] stdin = new byte[0];

  CliRunner(Path workDir) {
    this.workDir = workDir;
    env.put("HOME", workDir.toString());
  }

  CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** What the next runs read from standard input. */
  CliRunner stdin(String text) {
    stdin = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return this;
  }

  Result run(String... args) {
    return in(workDir, args);
  }

  Result in(Path dir, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    int code =
        new Cli(dir, env)
            .run(
                new java.io.ByteArrayInputStream(stdin),
                new PrintWriter(out),
                new PrintWriter(err),
                args);
    return new Result(code, out.toString(), err.toString());
  }
}
