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
}
