package dev.promptops.core.provider;

/** Takes usage events without blocking the request that produced them. */
@FunctionalInterface
public interface UsageSink {
  void record(UsageEvent event);

  static UsageSink discard() {
    return event -> {};
  }
}
