package dev.promptops.core.eval.suite;

import java.nio.file.Path;

/**
 * The file a suite is read from, and how other files are named relative to it. Paths a suite writes
 * are relative to its folder; messages show them resolved against the suite's path as the caller
 * gave it ({@code evals/support.yaml} → {@code evals/cases/support.csv}), so a message names a file
 * the user can open from where they ran the command.
 */
record Origin(Path file) {

  /** The folder the suite's relative paths start from. */
  Path dir() {
    Path parent = file.getParent();
    return parent == null ? Path.of("") : parent;
  }

  /** A path written in the suite, resolved against its folder. */
  Path resolve(String written) {
    return dir().resolve(written).normalize();
  }

  /** How messages name the suite file. */
  String show() {
    return file.toString().replace('\\', '/');
  }

  /** How messages name another file. */
  static String show(Path path) {
    return path.toString().replace('\\', '/');
  }

  /** A path below the suite's folder as the digest records it: relative, with {@code /}. */
  String relative(Path path) {
    Path dir = dir().toAbsolutePath().normalize();
    Path abs = path.toAbsolutePath().normalize();
    return (abs.startsWith(dir) ? dir.relativize(abs) : abs).toString().replace('\\', '/');
  }

  /** {@code evals/support.yaml: what}. */
  String at(String what) {
    return show() + ": " + what;
  }
}
