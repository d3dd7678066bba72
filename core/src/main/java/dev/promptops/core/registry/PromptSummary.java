package dev.promptops.core.registry;

import java.time.Instant;
import java.util.Map;

/** A prompt as listed: its newest version and where each environment and label points. */
public record PromptSummary(
    String name,
    int latestVersion,
    String latestDigest,
    Instant updatedAt,
    Map<String, Integer> pins) {
  public PromptSummary {
    pins = Map.copyOf(pins);
  }
}
