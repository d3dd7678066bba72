package dev.promptops.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResilientCallsTest {
  final List<Duration> slept = new ArrayList<>();
  final ResilientCalls calls = new ResilientCalls(slept::add);

  static ProviderConfig config(int retries) {
    return new ProviderConfig("openai", ProviderType.OPENAI, null, "k", null, null, retries, 0, 0);
  }

  static ProviderException rateLimited(Duration retryAfter) {
    return new ProviderException(
        ProviderException.Failure.RATE_LIMITED, 429, retryAfter, "slow down", "", null);
  }

  @Test
  void retriesRateLimitsHonouringRetryAfterThenSucceeds() {
    var n = new AtomicInteger();
    var outcome =
        calls.call(
            "shop",
            config(3),
            "gpt",
            c -> {
              if (n.incrementAndGet() < 3) {
                throw rateLimited(Duration.ofSeconds(2));
              }
              return "answer";
            });
    assertThat(outcome.ok()).isTrue();
    assertThat(outcome.value()).isEqualTo("answer");
    assertThat(outcome.attempts())
        .extracting(ResilientCalls.Attempt::outcome)
        .containsExactly("rate_limited", "rate_limited", "ok");
    assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Test
  void givesUpAfterMaxRetriesAndReportsTheLastFailure() {
    var outcome =
        calls.call(
            "shop",
            config(1),
            "gpt",
            c -> {
              throw new ProviderException(
                  ProviderException.Failure.SERVER_ERROR, 500, null, "boom", "", null);
            });
    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.failure().failure()).isEqualTo(ProviderException.Failure.SERVER_ERROR);
    assertThat(outcome.attempts()).hasSize(2);
    assertThat(slept).hasSize(1);
    assertThat(slept.getFirst()).isBetween(Duration.ofMillis(250), Duration.ofMillis(376));
  }

  @Test
  void doesNotRetryWhatRetryingCannotFix() {
    var n = new AtomicInteger();
    var outcome =
        calls.call(
            "shop",
            config(5),
            "gpt",
            c -> {
              n.incrementAndGet();
              throw new ProviderException(ProviderException.Failure.UNAUTHORIZED, "bad key", "");
            });
    assertThat(n.get()).isEqualTo(1);
    assertThat(outcome.failure().retryable()).isFalse();
    assertThat(slept).isEmpty();
  }

  @Test
  void backoffGrowsAndIsCapped() {
    assertThat(ResilientCalls.backoff(0, null))
        .isBetween(Duration.ofMillis(250), Duration.ofMillis(376));
    assertThat(ResilientCalls.backoff(3, null))
        .isBetween(Duration.ofMillis(2000), Duration.ofMillis(3001));
    assertThat(ResilientCalls.backoff(20, null))
        .isBetween(Duration.ofSeconds(16), ResilientCalls.MAX_BACKOFF);
    assertThat(ResilientCalls.backoff(0, Duration.ofMinutes(10)))
        .isEqualTo(ResilientCalls.MAX_BACKOFF);
  }

  /** Runs {@code n} calls of 20 ms at once, each under the project {@code project.apply(i)}. */
  int peakConcurrency(int n, java.util.function.IntFunction<String> project, ProviderConfig cfg) {
    var running = new AtomicInteger();
    var peak = new AtomicInteger();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        String p = project.apply(i);
        pool.submit(
            () ->
                calls.call(
                    p,
                    cfg,
                    "m",
                    c -> {
                      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                      try {
                        Thread.sleep(20);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      running.decrementAndGet();
                      return "x";
                    }));
      }
    }
    return peak.get();
  }

  static ProviderConfig limited(int maxConcurrent) {
    return new ProviderConfig(
        "local", ProviderType.OLLAMA, null, null, null, null, 0, maxConcurrent, 0);
  }

  @Test
  void providersOfTheSameNameInTwoProjectsHaveLimitsOfTheirOwn() {
    assertThat(peakConcurrency(10, i -> i % 2 == 0 ? "shop" : "bank", limited(1))).isEqualTo(2);
  }

  @Test
  void newLimitsTakeEffectWithTheNextCall() {
    assertThat(peakConcurrency(10, i -> "shop", limited(1))).isEqualTo(1);
    assertThat(peakConcurrency(10, i -> "shop", limited(3))).isEqualTo(3);
  }

  @Test
  void concurrencyLimitHoldsCallsBack() {
    assertThat(peakConcurrency(10, i -> "shop", limited(2))).isEqualTo(2);
  }
}
