package dev.promptops.core.provider;

import dev.promptops.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire protocols PromptOps speaks. */
public enum ProviderType {
  OPENAI("openai"),
  /** Any OpenAI-compatible endpoint (vLLM, LM Studio, OpenRouter …): a base URL is required. */
  OPENAI_COMPATIBLE("openai-compatible"),
  AZURE_OPENAI("azure-openai"),
  ANTHROPIC("anthropic"),
  GEMINI("gemini"),
  OLLAMA("ollama");

  private final String wireName;

  ProviderType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static ProviderType parse(String s) {
    for (ProviderType t : values()) {
      if (t.wireName.equals(s == null ? "" : s.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new InvalidInputException(
        "invalid_provider_type",
        "not a provider type: '" + s + "'",
        "use one of "
            + Arrays.stream(values())
                .map(ProviderType::wireName)
                .collect(Collectors.joining(", ")));
  }
}
