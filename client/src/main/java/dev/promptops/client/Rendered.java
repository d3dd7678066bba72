package dev.promptops.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.dotprompt.RenderedPrompt;

/**
 * A version rendered by the server: which version it was, how it was resolved, and its messages and
 * resolved metadata.
 *
 * @param resolvedVia {@code env:production}, {@code label:canary}, {@code label:latest} or {@code
 *     version}
 */
public record Rendered(
    String name, int version, String digest, String resolvedVia, RenderedPrompt prompt) {

  /** The messages, each {@code {"role", "content": [parts], "metadata"?}}. */
  public ArrayNode messages() {
    return prompt.messages();
  }

  /** The prompt's metadata with the render options merged over it, schemas as JSON Schema. */
  public ObjectNode metadata() {
    return prompt.metadata();
  }

  /** {@code name@version}. */
  public String ref() {
    return name + "@" + version;
  }
}
