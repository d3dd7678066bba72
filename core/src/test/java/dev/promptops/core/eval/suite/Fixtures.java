package dev.promptops.core.eval.suite;

import dev.promptops.core.eval.CaseSource;
import dev.promptops.core.eval.TestCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The fixture files under src/test/resources/dev/promptops/core/eval/suite. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cases of a small suite, all in a list (only for tests with a few cases). */
  static List<TestCase> all(CaseSource cases) {
    var out = new ArrayList<TestCase>();
    cases.open().forEachRemaining(out::add);
    return out;
  }

  /** A copy of a fixture folder, for tests that change files. */
  static Path copy(String folder, Path to) {
    Path from = path(folder);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }

  static Path write(Path dir, String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
