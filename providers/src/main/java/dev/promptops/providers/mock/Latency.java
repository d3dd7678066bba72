package dev.promptops.providers.mock;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How long the mock waits before it answers: a fixed delay, or one drawn from a distribution with
 * the rules' seed (so the same request sequence always waits the same).
 */
public sealed interface Latency {

  /** No delay. */
  Latency NONE = new Fixed(Duration.ZERO);

  /** The delay for one request. */
  Duration sample(SplittableRandom random);

  static Latency fixed(Duration delay) {
    return new Fixed(delay);
  }

  static Latency uniform(Duration min, Duration max) {
    return new Uniform(min, max);
  }

  static Latency normal(Duration mean, Duration stddev) {
    return new Normal(mean, stddev);
  }

  /** Always {@code delay}. */
  record Fixed(Duration delay) implements Latency {
    public Fixed {
      requireNonNegative(delay, "delay");
    }

    @Override
    public Duration sample(SplittableRandom random) {
      return delay;
    }
  }

  /** Uniformly between {@code min} and {@code max}. */
  record Uniform(Duration min, Duration max) implements Latency {
    public Uniform {
      requireNonNegative(min, "min");
      requireNonNegative(max, "max");
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException("latency max " + max + " is below min " + min);
      }
    }

    @Override
    public Duration sample(SplittableRandom random) {
      long span = max.toMillis() - min.toMillis();
      return min.plusMillis(span == 0 ? 0 : random.nextLong(span + 1));
    }
  }

  /** Normally distributed around {@code mean}, never below zero. */
  record Normal(Duration mean, Duration stddev) implements Latency {
    public Normal {
      requireNonNegative(mean, "mean");
      requireNonNegative(stddev, "stddev");
    }

    @Override
    public Duration sample(SplittableRandom random) {
      // Box-Muller: two uniform draws give one standard normal one
      double u1 = 1.0 - random.nextDouble();
      double u2 = random.nextDouble();
      double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      long ms = Math.round(mean.toMillis() + z * stddev.toMillis());
      return Duration.ofMillis(Math.max(0, ms));
    }
  }

  private static void requireNonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException("latency " + what + " is negative: " + d);
    }
  }
}
