package dev.promptops.providers.mock;

import dev.promptops.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire protocols the mock LLM server speaks, by the name rules files use. */
public enum MockProtocol {
  /** {@code POST /v1/chat/completions}, {@code POST /v1/embeddings}, {@code GET /v1/models}. */
  OPENAI("openai"),
  /** {@code POST /openai/deployments/{deployment}/chat/completions|/embeddings?api-version=…}. */
  AZURE_OPENAI("azure-openai"),
  /** {@code POST /v1/messages}. */
  ANTHROPIC("anthropic"),
  /**
   * {@code POST /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent}, {@code
   * :embedContent}, {@code :batchEmbedContents}.
   */
  GEMINI("gemini"),
  /** {@code POST /api/chat}, {@code /api/embed}, {@code /api/embeddings}, {@code GET /api/tags}. */
  OLLAMA("ollama");

  private final String wireName;

  MockProtocol(String wireName) {
    this.wireName = wireName;
  }

  /** The name in rules files and the request log: {@code openai}, {@code azure-openai}, … */
  public String wireName() {
    return wireName;
  }

  /** The protocol named {@code name} (case-insensitive). */
  public static MockProtocol parse(String name) {
    for (MockProtocol p : values()) {
      if (p.wireName.equals(name == null ? "" : name.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new InvalidInputException(
        "invalid_mock_protocol",
        "not a protocol of the mock LLM server: '" + name + "'",
        "use one of " + names());
  }

  static String names() {
    return Arrays.stream(values()).map(MockProtocol::wireName).collect(Collectors.joining(", "));
  }
}
