package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A rendered prompt: its resolved metadata (model, config, schemas as JSON Schema, …) and the
 * messages, each {@code {"role", "content": [parts], "metadata"?}} with parts {@code {"text"}},
 * {@code {"media": {"url", "contentType"?}}} or {@code {"metadata": {"purpose", "pending"}}}.
 *
 * <p>The messages are this render's own. The metadata of a render without options is the compiled
 * prompt's, shared by every such render (so that a render copies nothing it does not produce): read
 * it, never modify it; {@code deepCopy()} it to build on it.
 */
public record RenderedPrompt(ObjectNode metadata, ArrayNode messages) {

  /** The metadata and the messages in one object, as Dotprompt returns them. */
  public ObjectNode toJson() {
    ObjectNode out = metadata.deepCopy();
    out.set("messages", messages.deepCopy());
    return out;
  }
}
