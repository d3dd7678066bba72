package dev.promptops.core.eval.suite;

import dev.promptops.core.PromptOpsException;
import dev.promptops.core.provider.ModelRef;

/** PromptOps model references ({@code provider/model}) written in a native suite. */
final class Models {
  private Models() {}

  static ModelRef parse(String text, String where) {
    try {
      return ModelRef.parse(text);
    } catch (PromptOpsException e) {
      throw SuiteErrors.invalid(where, e.getMessage(), e.hint());
    }
  }

  static String ref(String text, String where) {
    return parse(text, where).toString();
  }
}
