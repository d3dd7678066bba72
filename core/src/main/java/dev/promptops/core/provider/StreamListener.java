package dev.promptops.core.provider;

/** Receives a streamed answer: text deltas as they come, then the complete response. */
public interface StreamListener {
  void onDelta(String text);

  void onComplete(ChatResponse response);
}
