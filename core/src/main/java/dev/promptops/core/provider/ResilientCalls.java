package dev.promptops.core.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Calls a provider the way PromptOps always does: within its concurrency and rate limits, retrying
 * rate limits and server errors with exponential backoff (honouring {@code Retry-After}), and every
 * attempt recorded so callers can show what happened.
 */
public final class ResilientCalls {
  /** Longest wait between two attempts, whatever the provider asks. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  static final Duration BASE_BACKOFF = Duration.ofMillis(250);

  private final Sleeper sleeper;
  private final ConcurrentHashMap<String, Limits> limits = new ConcurrentHashMap<>();

  /** Waits; replaced in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  public ResilientCalls() {
    this(d -> Thread.sleep(d.toMillis()));
  }

  public ResilientCalls(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  /** One attempt: which provider and model, how it ended, how long it took. */
  public record Attempt(
      String provider, String model, String outcome, int status, long latencyMillis) {}

  /** The result of a call and the attempts it took; {@code failure} is null on success. */
  public record Outcome<T>(T value, List<Attempt> attempts, ProviderException failure) {
    public boolean ok() {
      return failure == null;
    }
  }

  /**
   * Calls {@code work} on {@code provider} up to {@code 1 + config.maxRetries()} times, within the
   * limits of that provider in {@code project}: providers of the same name in two projects are two
   * accounts with limits of their own, and new limits take effect with the next call.
   *
   * @param model the model, for the attempt records
   */
  public <T> Outcome<T> call(
      String project, ProviderConfig config, String model, Function<ProviderConfig, T> work) {
    var attempts = new ArrayList<Attempt>();
    Limits l =
        limits.compute(
            project + "/" + config.name(),
            (k, old) -> old != null && old.fits(config) ? old : new Limits(config));
    for (int attempt = 0; ; attempt++) {
      long start = System.nanoTime();
      try {
        T value = l.run(() -> work.apply(config));
        attempts.add(new Attempt(config.name(), model, "ok", 200, millisSince(start)));
        return new Outcome<>(value, List.copyOf(attempts), null);
      } catch (ProviderException e) {
        attempts.add(
            new Attempt(
                config.name(),
                model,
                e.failure().name().toLowerCase(java.util.Locale.ROOT),
                e.status(),
                millisSince(start)));
        if (!e.retryable() || attempt >= config.maxRetries()) {
          return new Outcome<>(null, List.copyOf(attempts), e);
        }
        if (!pause(backoff(attempt, e.retryAfter()))) {
          return new Outcome<>(null, List.copyOf(attempts), e);
        }
      }
    }
  }

  /** The wait before retry number {@code attempt + 1}: Retry-After, else exponential + jitter. */
  static Duration backoff(int attempt, Duration retryAfter) {
    if (retryAfter != null && !retryAfter.isNegative()) {
      return retryAfter.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : retryAfter;
    }
    long base = BASE_BACKOFF.toMillis() << Math.min(attempt, 6);
    long jitter = ThreadLocalRandom.current().nextLong(base / 2 + 1);
    return Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), base + jitter));
  }

  private boolean pause(Duration d) {
    try {
      sleeper.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /** A provider's concurrency limit (semaphore) and rate limit (token bucket per minute). */
  private static final class Limits {
    private final Semaphore concurrent;
    private final int perMinute;
    private double tokens;
    private long refilledAt = System.nanoTime();

    private final int maxConcurrent;

    Limits(ProviderConfig config) {
      this.maxConcurrent = config.maxConcurrent();
      this.concurrent = maxConcurrent > 0 ? new Semaphore(maxConcurrent, true) : null;
      this.perMinute = config.requestsPerMinute();
      this.tokens = perMinute;
    }

    /** Whether these are the limits {@code config} sets. */
    boolean fits(ProviderConfig config) {
      return maxConcurrent == config.maxConcurrent() && perMinute == config.requestsPerMinute();
    }

    <T> T run(java.util.function.Supplier<T> call) {
      takeRateToken();
      if (concurrent == null) {
        return call.get();
      }
      concurrent.acquireUninterruptibly();
      try {
        return call.get();
      } finally {
        concurrent.release();
      }
    }

    private void takeRateToken() {
      if (perMinute <= 0) {
        return;
      }
      while (true) {
        long waitNanos;
        synchronized (this) {
          long now = System.nanoTime();
          tokens = Math.min(perMinute, tokens + (now - refilledAt) * perMinute / 60e9);
          refilledAt = now;
          if (tokens >= 1) {
            tokens -= 1;
            return;
          }
          waitNanos = (long) ((1 - tokens) * 60e9 / perMinute);
        }
        try {
          TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ProviderException(
              ProviderException.Failure.TIMEOUT, "interrupted waiting for the rate limit", "retry");
        }
      }
    }
  }
}
