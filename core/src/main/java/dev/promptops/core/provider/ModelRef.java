package dev.promptops.core.provider;

import dev.promptops.core.InvalidInputException;

/**
 * A model as a prompt names it: {@code provider/model}, e.g. {@code openai/gpt-4o-mini}. The
 * provider part names a configured provider of the project (its type decides the wire protocol);
 * the model part goes to that provider as is (it may contain {@code /}, e.g. {@code
 * openrouter/meta-llama/llama-3-8b}).
 */
public record ModelRef(String provider, String model) {

  public ModelRef {
    if (provider == null || provider.isBlank() || model == null || model.isBlank()) {
      throw invalid(provider + "/" + model);
    }
  }

  public static ModelRef parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw invalid(text);
    }
    return new ModelRef(text.substring(0, slash), text.substring(slash + 1));
  }

  private static InvalidInputException invalid(String text) {
    return new InvalidInputException(
        "invalid_model",
        "not a model reference: '" + text + "'",
        "write provider/model, e.g. openai/gpt-4o-mini, anthropic/claude-sonnet-4-5,"
            + " google/gemini-2.5-flash or ollama/llama3.2");
  }

  @Override
  public String toString() {
    return provider + "/" + model;
  }
}
