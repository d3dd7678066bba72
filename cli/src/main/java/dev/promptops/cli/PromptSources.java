package dev.promptops.cli;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.names.Names;
import dev.promptops.core.prompt.PromptFile;
import dev.promptops.core.registry.PushItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds {@code .prompt} files and names them. A prompt's name is its path relative to the prompts
 * folder, without {@code .prompt}, with {@code /} between folders: {@code
 * prompts/support/reply.prompt} is {@code support/reply}. The prompts folder is {@code prompts/}
 * beside promptops.yaml; a folder given outside it names its files relative to itself, and a single
 * file outside it is named by its file name. {@link #collect} parses every file, so a malformed one
 * is reported with its path before anything is sent.
 */
final class PromptSources {
  static final String EXTENSION = ".prompt";

  /** A prompt file found on disk: where it is, its prompt name, and its text. */
  record Source(Path path, String name, String text) {
    PushItem item() {
      return new PushItem(name, text);
    }

    /**
     * The folder names are relative to (the prompts folder, for a file inside it), where {@code {{>
     * support/footer}}} finds {@code support/_footer.prompt}.
     */
    Path base() {
      Path base = path.getParent();
      for (int i = 0; i < name.length(); i++) {
        if (name.charAt(i) == '/') {
          base = base.getParent();
        }
      }
      return base;
    }
  }

  private final Context ctx;
  private final Path promptsRoot;

  /**
   * @param promptsRoot the project's prompts folder, or null when there is no promptops.yaml
   */
  PromptSources(Context ctx, Path promptsRoot) {
    this.ctx = ctx;
    this.promptsRoot = promptsRoot == null ? null : promptsRoot.toAbsolutePath().normalize();
  }

  /**
   * The prompts named by {@code paths} (files or folders), or the whole prompts folder, each parsed
   * so that a malformed file is reported with its path.
   */
  List<Source> collect(List<String> paths) {
    List<Source> found = find(paths);
    for (Source s : found) {
      PromptFile.parse(s.text(), ctx.show(s.path()));
    }
    return found;
  }

  /** Like {@link #collect}, without parsing: for lint, which reports malformed files itself. */
  List<Source> find(List<String> paths) {
    var byName = new TreeMap<String, Source>();
    if (paths.isEmpty()) {
      addAll(defaultFolder(), byName);
    } else {
      for (String p : paths) {
        addAll(ctx.resolve(p), byName);
      }
    }
    if (byName.isEmpty()) {
      throw new InvalidInputException(
          "no_prompts",
          "no " + EXTENSION + " files in " + describe(paths),
          "put prompts in the prompts/ folder beside promptops.yaml, or pass their paths");
    }
    return List.copyOf(byName.values());
  }

  private Path defaultFolder() {
    if (promptsRoot == null) {
      throw new InvalidInputException(
          "no_project_file",
          "no paths given and no " + ProjectFile.NAME + " found above " + ctx.workDir(),
          "pass the .prompt files or folders to push, or run 'promptops init'");
    }
    if (!Files.isDirectory(promptsRoot)) {
      throw new InvalidInputException(
          "no_prompts",
          "no prompts folder: " + ctx.show(promptsRoot),
          "create it beside " + ProjectFile.NAME + " and put .prompt files in it");
    }
    return promptsRoot;
  }

  private void addAll(Path path, Map<String, Source> byName) {
    if (Files.isDirectory(path)) {
      Path base = inPromptsRoot(path) ? promptsRoot : path;
      for (Path file : walk(path)) {
        add(file, base, byName);
      }
    } else if (Files.isRegularFile(path)) {
      if (!path.getFileName().toString().endsWith(EXTENSION)) {
        throw new InvalidInputException(
            "not_a_prompt_file",
            "not a " + EXTENSION + " file: " + ctx.show(path),
            "push .prompt files, or folders holding them");
      }
      add(path, inPromptsRoot(path) ? promptsRoot : path.getParent(), byName);
    } else {
      throw new InvalidInputException(
          "no_such_file",
          "no such file or folder: " + ctx.show(path),
          "check the path; it is relative to the current folder");
    }
  }

  private boolean inPromptsRoot(Path path) {
    return promptsRoot != null && path.startsWith(promptsRoot);
  }

  private void add(Path file, Path base, Map<String, Source> byName) {
    String name = name(base, file);
    String text = read(file);
    Source previous = byName.get(name);
    if (previous != null && !previous.path().equals(file)) {
      throw new InvalidInputException(
          "duplicate_prompt",
          "two files would both be prompt '"
              + name
              + "': "
              + ctx.show(previous.path())
              + " and "
              + ctx.show(file),
          "push them from one prompts folder so that their paths tell them apart");
    }
    byName.put(name, new Source(file, name, text));
  }

  /** The prompt name of {@code file} below {@code base}. */
  String name(Path base, Path file) {
    String relative = base.relativize(file).toString().replace('\\', '/');
    String name = relative.substring(0, relative.length() - EXTENSION.length());
    try {
      return Names.prompt(name);
    } catch (PromptOpsException e) {
      throw new InvalidInputException(
          e.code(), ctx.show(file) + ": " + e.getMessage(), "rename the file: " + e.hint());
    }
  }

  private List<Path> walk(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(EXTENSION))
          .filter(p -> !hidden(dir.relativize(p)))
          .map(p -> p.toAbsolutePath().normalize())
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidInputException(
          "unreadable_folder",
          "cannot read folder " + ctx.show(dir) + ": " + e.getMessage(),
          "check its permissions");
    }
  }

  /** True for anything inside a hidden folder such as {@code .git}. */
  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new InvalidInputException(
          "unreadable_file",
          "cannot read " + ctx.show(file) + ": " + e.getMessage(),
          "check the file's permissions and that it is UTF-8 text");
    }
  }

  private String describe(List<String> paths) {
    return paths.isEmpty() ? ctx.show(promptsRoot) : String.join(", ", paths);
  }
}
