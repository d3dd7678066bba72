package dev.promptops.core.eval.engine;

/**
 * Latencies counted in fixed buckets, so percentiles cost the same memory for ten cases and for a
 * million: 1 ms wide up to 10 s, 100 ms wide up to 10 min, then one bucket. A percentile is exact
 * below 10 s and within 100 ms above. Not thread-safe.
 */
final class LatencyHistogram {
  private static final int FINE = 10_000;
  private static final int COARSE = 6_000;
  private static final int COARSE_WIDTH = 100;

  private final long[] fine = new long[FINE];
  private final long[] coarse = new long[COARSE];
  private long over;
  private long maxOver;
  private long count;

  void add(long millis) {
    long ms = Math.max(0, millis);
    if (ms < FINE) {
      fine[(int) ms]++;
    } else if (ms < FINE + (long) COARSE * COARSE_WIDTH) {
      coarse[(int) ((ms - FINE) / COARSE_WIDTH)]++;
    } else {
      over++;
      maxOver = Math.max(maxOver, ms);
    }
    count++;
  }

  /** The latency at or below which {@code p} of the values lie (p in (0, 1]); 0 when empty. */
  long percentile(double p) {
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p * count));
    long seen = 0;
    for (int i = 0; i < FINE; i++) {
      seen += fine[i];
      if (seen >= rank) {
        return i;
      }
    }
    for (int i = 0; i < COARSE; i++) {
      seen += coarse[i];
      if (seen >= rank) {
        return FINE + (long) i * COARSE_WIDTH + COARSE_WIDTH / 2;
      }
    }
    return maxOver;
  }
}
