package dev.promptops.providers.mock;

import java.util.ArrayList;
import java.util.List;

/**
 * What the mock answers to a chat request, before a protocol puts it on the wire.
 *
 * @param id the response id (protocols add their prefix)
 * @param stopSequence the stop sequence that ended the text, for {@link Finish#STOP_SEQUENCE}
 */
record Answer(
    String id,
    String model,
    String text,
    Finish finish,
    String stopSequence,
    int inputTokens,
    int outputTokens) {

  /** Why the text ended. */
  enum Finish {
    STOP,
    LENGTH,
    STOP_SEQUENCE
  }

  int totalTokens() {
    return inputTokens + outputTokens;
  }

  /** The text in the pieces a stream sends: word by word, each with the spaces before it. */
  List<String> deltas() {
    var pieces = new ArrayList<String>();
    int start = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length()
          || (Character.isWhitespace(text.charAt(i - 1))
              && !Character.isWhitespace(text.charAt(i)))) {
        pieces.add(text.substring(start, i));
        start = i;
      }
    }
    return pieces;
  }
}
