package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A chat request as the mock understands it, whatever the protocol.
 *
 * @param model the model the request names (for Gemini and Azure, from the path)
 * @param system the system instructions, joined; empty when there are none
 * @param lastUserMessage the text of the last user message; empty when there is none
 * @param texts the text of every message (system included), for the prompt's token count
 * @param stream whether the client asked for a streamed answer
 * @param includeUsage OpenAI: {@code stream_options.include_usage}
 * @param json whether the client asked for JSON output
 * @param schema the JSON schema the output must follow, or null
 * @param maxTokens the most output tokens allowed, or null
 * @param stop stop sequences
 */
record Conversation(
    String model,
    String system,
    String lastUserMessage,
    List<String> texts,
    boolean stream,
    boolean includeUsage,
    boolean json,
    JsonNode schema,
    Integer maxTokens,
    List<String> stop) {

  Conversation {
    texts = List.copyOf(texts);
    stop = List.copyOf(stop);
  }

  int promptTokens() {
    return texts.stream().mapToInt(Tokens::count).sum();
  }
}
