package dev.promptops.cli;

import dev.promptops.core.eval.CaseResult;
import dev.promptops.core.eval.engine.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress of an evaluation on standard error: on a terminal, one bar redrawn in place at most ten
 * times a second (cases done, rate, ETA, running pass rate, errors); otherwise (CI logs, files) a
 * plain line every tenth of the run or every 10 seconds, whichever comes first.
 */
final class EvalProgress implements Progress {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long PLAIN_NANOS = 10_000_000_000L;
  private static final int BAR = 24;

  private final PrintWriter err;
  private final boolean terminal;
  private final LongSupplier clock;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong passed = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private long total = -1;
  private long skipped;
  private long startNanos;
  private long lastPrint;
  private long lastTenth = -1;
  private long lastPrinted = -1;
  private boolean drawn;

  EvalProgress(PrintWriter err, boolean terminal, LongSupplier nanoClock) {
    this.err = err;
    this.terminal = terminal;
    this.clock = nanoClock;
  }

  EvalProgress(PrintWriter err, boolean terminal) {
    this(err, terminal, System::nanoTime);
  }

  @Override
  public synchronized void start(long total, long skipped) {
    this.total = total;
    this.skipped = skipped;
    this.startNanos = clock.getAsLong();
    this.lastPrint = startNanos;
    if (skipped > 0) {
      err.println("resuming: " + skipped + " case run(s) already done");
      err.flush();
    }
  }

  @Override
  public void result(CaseResult r) {
    done.incrementAndGet();
    if (r.pass()) {
      passed.incrementAndGet();
    }
    if (r.error() != null) {
      errors.incrementAndGet();
    }
    maybePrint(false);
  }

  private synchronized void maybePrint(boolean last) {
    long now = clock.getAsLong();
    long p = passed.get();
    long e = errors.get();
    long n = done.get();
    if (terminal) {
      if (last || now - lastPrint >= REDRAW_NANOS) {
        err.print("\r" + line(n, p, e, now) + "\u001b[K");
        err.flush();
        drawn = true;
        lastPrint = now;
      }
      return;
    }
    long tenth = total > 0 ? (n + skipped) * 10 / total : -1;
    if (last && lastPrinted == n) {
      return;
    }
    if (last || now - lastPrint >= PLAIN_NANOS || (tenth > lastTenth && tenth > 0)) {
      lastPrinted = n;
      err.println("eval: " + line(n, p, e, now));
      err.flush();
      lastPrint = now;
      lastTenth = Math.max(lastTenth, tenth);
    }
  }

  @Override
  public synchronized void finish() {
    if (done.get() == 0 && !drawn) {
      return;
    }
    maybePrint(true);
    if (terminal) {
      err.println();
      err.flush();
    }
  }

  /** {@code [########........] 412/1000 41% · 85.2/s · ETA 7s · pass 97.1% · 0 errors}. */
  String line(long n, long p, long errorCount, long now) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = n / seconds;
    long all = n + skipped;
    var s = new StringBuilder();
    if (total > 0) {
      int filled = (int) Math.min(BAR, all * BAR / total);
      if (terminal) {
        s.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
      }
      s.append(all).append('/').append(total).append(' ').append(all * 100 / total).append('%');
    } else {
      s.append(all).append(" done");
    }
    s.append(String.format(Locale.ROOT, " · %.1f/s", rate));
    if (total > 0 && rate > 0 && all < total) {
      s.append(" · ETA ").append(duration((long) ((total - all) / rate)));
    }
    if (n > 0) {
      s.append(String.format(Locale.ROOT, " · pass %.1f%%", 100.0 * p / n));
    }
    s.append(" · ").append(errorCount).append(errorCount == 1 ? " error" : " errors");
    return s.toString();
  }

  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
    }
    return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02d", seconds % 3600 / 60) + "m";
  }
}
