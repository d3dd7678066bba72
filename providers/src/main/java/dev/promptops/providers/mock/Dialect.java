package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** One provider's wire protocol: how it asks for a chat answer, and how it gets one. */
interface Dialect {

  MockProtocol protocol();

  /** The chat request in {@code call}, or {@link BadRequest} saying what is wrong with it. */
  Conversation chat(Call call) throws BadRequest;

  /** Writes the answer: one JSON body, or a stream when the request asked for one. */
  void answer(Answer answer, Conversation conversation, Call call, Responder out)
      throws IOException;

  /**
   * The embeddings request in {@code call}, vectors {@code dimensions} long unless it asks for
   * another length; only for the protocols the router sends embeddings to.
   */
  default EmbeddingsRequest embeddings(Call call, int dimensions) throws BadRequest {
    throw new BadRequest(Failure.NOT_FOUND, protocol().wireName() + " has no embeddings endpoint");
  }

  /** The provider's error body for {@code failure}. */
  JsonNode error(Failure failure, String message);
}
