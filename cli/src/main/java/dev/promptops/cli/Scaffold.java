package dev.promptops.cli;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.names.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The example project {@code promptops init} writes: promptops.yaml, two real Dotprompt files, a
 * component ({@code _signature.prompt}, included by the support reply) and the evals folder. Never
 * overwrites: if any of its files exists, it writes none.
 */
final class Scaffold {
  /** A file to write, relative to the project folder, and the resource holding its text. */
  private record Entry(String path, String resource) {}

  private static final List<Entry> FILES =
      List.of(
          new Entry(ProjectFile.NAME, "promptops.yaml"),
          new Entry("prompts/hello.prompt", "hello.prompt"),
          new Entry("prompts/support/reply.prompt", "reply.prompt"),
          new Entry("prompts/_signature.prompt", "signature.prompt"),
          new Entry("evals/README.md", "evals-README.md"));

  private static final String FALLBACK_NAME = "my-prompts";

  private Scaffold() {}

  /** Writes the example project into {@code dir}; returns the files written, in order. */
  static List<Path> create(Path dir, String project) {
    Names.project(project);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidInputException(
          "not_a_folder", dir + " is a file, not a folder", "pass a folder to init");
    }
    refuseOverwrite(dir);
    var written = new ArrayList<Path>();
    for (Entry e : FILES) {
      Path target = dir.resolve(e.path());
      write(target, text(e.resource()).replace("${project}", project));
      written.add(target);
    }
    return written;
  }

  private static void refuseOverwrite(Path dir) {
    var existing = new ArrayList<String>();
    for (Entry e : FILES) {
      if (Files.exists(dir.resolve(e.path()))) {
        existing.add(e.path());
      }
    }
    if (!existing.isEmpty()) {
      throw new InvalidInputException(
          "file_exists",
          dir + " already has " + String.join(", ", existing) + "; init overwrites nothing",
          "run init in a new or empty folder (promptops init DIR), or move those files away");
    }
  }

  /**
   * A valid project name made from a folder name: lower case, other characters as {@code -};
   * {@value #FALLBACK_NAME} when nothing usable is left.
   */
  static String projectName(Path dir) {
    Path fileName = dir.toAbsolutePath().normalize().getFileName();
    String raw = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
    String name =
        raw.replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[^a-z0-9]+", "").replaceAll("-+$", "");
    if (name.length() > 63) {
      name = name.substring(0, 63).replaceAll("-+$", "");
    }
    return name.isEmpty() ? FALLBACK_NAME : name;
  }

  private static String text(String resource) {
    try (InputStream in = Scaffold.class.getResourceAsStream("init/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource init/" + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path target, String text) {
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(target, text);
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot_write",
          "cannot write " + target + ": " + e.getMessage(),
          "check that you may write to that folder");
    }
  }
}
