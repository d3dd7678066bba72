package dev.promptops.core.provider;

/** Takes usage events without blocking the request that produced them. */
@FunctionalInterface
public interface UsageSink {
  void record(UsageEvent event);

  /**
   * Records an execution with what only observers (tracing) use: why the model stopped ({@code
   * stop}, {@code length}, …; null when it failed). The default records the event.
   */
  default void record(UsageEvent event, String finishReason) {
    record(event);
  }

  static UsageSink discard() {
    return event -> {};
  }
}
