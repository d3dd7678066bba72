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

  /** The provider's error body for {@code failure}. */
  JsonNode error(Failure failure, String message);
}
