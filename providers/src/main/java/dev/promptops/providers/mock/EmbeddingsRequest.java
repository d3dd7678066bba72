package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** An embeddings request as the mock understands it, whatever the protocol, and its answer. */
interface EmbeddingsRequest {

  /** The model asked for (Gemini: from the path; Azure: the deployment). */
  String model();

  /** The texts to embed, in order. */
  List<String> inputs();

  /** The texts joined by newlines: what rules match ({@code contains}, {@code regex}) and log. */
  default String joined() {
    return String.join("\n", inputs());
  }

  /** The answer in the protocol's shape, with {@link Embeddings#vector} for every text. */
  JsonNode answer();
}
