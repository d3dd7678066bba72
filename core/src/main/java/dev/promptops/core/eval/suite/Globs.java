package dev.promptops.core.eval.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * File name patterns as promptfoo writes them ({@code tests/*.yaml}, {@code prompts/**}{@code
 * /*.txt}), with Java's glob syntax ({@code *}, {@code **}, {@code ?}, {@code [abc]}, {@code
 * {a,b}}). Matches are regular files, sorted by path, so a suite reads them in a stable order.
 */
final class Globs {
  private Globs() {}

  static boolean isPattern(String path) {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  /** The files below {@code dir} matching {@code pattern} (relative to {@code dir}). */
  static List<Path> expand(Path dir, String pattern) {
    String[] segments = pattern.replace('\\', '/').split("/");
    int fixed = 0;
    while (fixed < segments.length - 1 && !isPattern(segments[fixed])) {
      fixed++;
    }
    Path base = dir;
    for (int i = 0; i < fixed; i++) {
      base = base.resolve(segments[i]);
    }
    String rest = String.join("/", java.util.Arrays.copyOfRange(segments, fixed, segments.length));
    return walk(base.normalize(), rest, rest.contains("**") ? Integer.MAX_VALUE : segments.length);
  }

  private static List<Path> walk(Path base, String rest, int depth) {
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    try (Stream<Path> files = Files.walk(base, depth)) {
      var out = new ArrayList<Path>();
      files
          .filter(Files::isRegularFile)
          .filter(p -> matcher.matches(base.relativize(p)))
          .sorted()
          .forEach(out::add);
      return out;
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }
}
