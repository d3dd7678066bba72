package dev.promptops.core.eval.suite;

import dev.promptops.core.PromptOpsException;
import dev.promptops.core.names.Names;
import java.nio.file.Path;

/**
 * The registry name of a {@code .prompt} file, as {@code promptops push} gives it: its path below
 * the nearest folder named {@code prompts}, without {@code .prompt} ({@code
 * prompts/support/reply.prompt} → {@code support/reply}); a file outside any {@code prompts} folder
 * is named by its file name without extension.
 */
final class PromptNames {
  private PromptNames() {}

  static String of(Path file, String where) {
    Path abs = file.toAbsolutePath().normalize();
    String name = null;
    for (Path dir = abs.getParent(); dir != null && name == null; dir = dir.getParent()) {
      if (dir.getFileName() != null && dir.getFileName().toString().equals("prompts")) {
        name = withoutExtension(dir.relativize(abs).toString().replace('\\', '/'));
      }
    }
    if (name == null) {
      name = withoutExtension(abs.getFileName().toString());
    }
    try {
      return Names.prompt(name);
    } catch (PromptOpsException e) {
      throw SuiteErrors.invalid(
          where,
          Origin.show(file) + " would be prompt '" + name + "': " + e.getMessage(),
          e.hint());
    }
  }

  private static String withoutExtension(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot > slash + 1 ? path.substring(0, dot) : path;
  }
}
