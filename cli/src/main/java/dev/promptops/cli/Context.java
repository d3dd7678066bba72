package dev.promptops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.json.Json;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may know of the world outside its arguments: the caller's working directory, the
 * environment, standard input, and where to print. Injected so tests can run commands without
 * touching the process.
 */
record Context(
    Path workDir, Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {

  Context {
    workDir = workDir.toAbsolutePath().normalize();
    env = Map.copyOf(env);
    in = in == null ? InputStream.nullInputStream() : in;
  }

  /** A context whose standard input is empty. */
  Context(Path workDir, Map<String, String> env, PrintWriter out, PrintWriter err) {
    this(workDir, env, InputStream.nullInputStream(), out, err);
  }

  /** An environment variable, or null when it is unset or blank. */
  String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** A path the user typed, relative to the working directory. */
  Path resolve(String path) {
    return workDir.resolve(path).normalize();
  }

  /** A path as the user should read it: relative to the working directory when inside it. */
  String show(Path path) {
    Path p = path.toAbsolutePath().normalize();
    return p.startsWith(workDir) && !p.equals(workDir)
        ? workDir.relativize(p).toString().replace('\\', '/')
        : p.toString();
  }

  /** The user's home folder: {@code HOME}, else the JVM's idea of it. */
  Path home() {
    String home = env("HOME");
    return Path.of(home != null ? home : System.getProperty("user.home"));
  }

  void println(String line) {
    out.println(line);
  }

  void json(JsonNode node) {
    out.println(Json.writePretty(node));
  }
}
