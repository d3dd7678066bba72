package dev.promptops.core.eval.suite;

import java.nio.file.Path;
import java.util.Locale;

/** Reads a suite in either format, by its file name. */
public final class Suites {
  private Suites() {}

  /**
   * A promptfoo config ({@code promptfooconfig.yaml}, {@code promptfooconfig.json}, {@code
   * promptfooconfig-*.yaml} …) through {@link PromptfooConfig}; any other file as a native suite
   * through {@link SuiteFile}.
   */
  public static LoadedSuite read(Path file) {
    return isPromptfoo(file) ? PromptfooConfig.read(file) : SuiteFile.read(file);
  }

  public static boolean isPromptfoo(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).startsWith("promptfooconfig");
  }

  /**
   * A prompt named on the command line ({@code --prompt}): a {@code .prompt} file relative to
   * {@code workDir}, named as a push names it, or a registry reference.
   *
   * @throws dev.promptops.core.InvalidInputException for a missing file or a bad reference
   */
  public static dev.promptops.core.eval.PromptSource prompt(String entry, Path workDir) {
    String where = "--prompt " + entry;
    if (entry != null && entry.strip().endsWith(".prompt")) {
      Path path = workDir.resolve(entry.strip()).toAbsolutePath().normalize();
      if (!java.nio.file.Files.isRegularFile(path)) {
        throw SuiteErrors.invalid(
            where, "prompt file not found: " + path, "check the path; it is relative to here");
      }
      return new dev.promptops.core.eval.PromptSource.File(path, PromptNames.of(path, where));
    }
    try {
      return new dev.promptops.core.eval.PromptSource.Registered(
          dev.promptops.core.registry.Ref.parse(entry));
    } catch (dev.promptops.core.PromptOpsException e) {
      throw SuiteErrors.invalid(where, e.getMessage(), e.hint() + ", or a .prompt file");
    }
  }
}
