package dev.promptops.client.sdk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Aggregates what this instance serves and sends it to the server in the background, for drift
 * detection ({@code docs/drift.md}). A use costs the caller one {@link LongAdder} increment and a
 * read of a clock ticked once a second: no lock, no allocation, no I/O. Uses are aggregated per
 * (prompt, environment, version, digest, fallback), so memory is bounded by the number of distinct
 * keys ({@code maxKeys}); uses of keys beyond that are counted as dropped and the count is
 * reported. When a send fails (the server is down or hangs), the counts stay aggregated and go with
 * the next send, so a fallback period is reported once the server is back.
 */
final class Reporter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Reporter.class.getName());
  static final int MAX_PER_REPORT = 1000;

  /**
   * The clock uses read: milliseconds, ticked every 250 ms by one daemon thread for the whole JVM
   * (reading it costs a volatile read; {@code System.currentTimeMillis()} costs ~20 ns).
   */
  private static volatile long coarseNow = System.currentTimeMillis();

  static {
    Thread.ofPlatform()
        .daemon()
        .name("promptops-clock")
        .start(
            () -> {
              while (true) {
                try {
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                }
                coarseNow = System.currentTimeMillis();
              }
            });
  }

  /** Uses of one key since the last successful send. */
  static final class Use {
    final String prompt;
    final String environment;
    final int version;
    final String digest;
    final boolean fallback;
    private final LongAdder count;
    private final LongAdder dropped;
    private volatile long firstSeen;
    private volatile long lastSeen;

    private Use(
        String prompt,
        String environment,
        int version,
        String digest,
        boolean fallback,
        LongAdder dropped) {
      this.prompt = prompt;
      this.environment = environment;
      this.version = version;
      this.digest = digest;
      this.fallback = fallback;
      this.count = dropped == null ? new LongAdder() : null;
      this.dropped = dropped;
    }

    /** One use, now. */
    void record() {
      if (count == null) {
        dropped.increment();
        return;
      }
      count.increment();
      long now = coarseNow;
      if (lastSeen != now) {
        lastSeen = now;
      }
      if (firstSeen == 0) {
        firstSeen = now;
      }
    }
  }

  /** What one send carried of a use, to put back if the send fails. */
  private record Taken(Use use, long count, long firstSeen) {}

  private final ObjectNode instance;
  private final Consumer<ObjectNode> send;
  private final int maxKeys;
  private final long everyMillis;
  private final long heartbeatMillis;
  private final ConcurrentHashMap<String, Use> uses = new ConcurrentHashMap<>();
  private final LongAdder dropped = new LongAdder();
  private final Use overflow;
  private final Thread thread;
  private volatile boolean running = true;
  private final LongAdder failed = new LongAdder();
  private final java.util.concurrent.locks.ReentrantLock lock =
      new java.util.concurrent.locks.ReentrantLock();
  private long lastSent;
  private long droppedReported;

  /**
   * @param send posts one report (throws when it cannot); called on the reporter's thread only
   */
  Reporter(
      ObjectNode instance,
      Consumer<ObjectNode> send,
      int maxKeys,
      Duration every,
      Duration heartbeat,
      boolean start) {
    this.instance = instance;
    this.send = send;
    this.maxKeys = maxKeys;
    this.everyMillis = Math.max(1, every.toMillis());
    this.heartbeatMillis = Math.max(everyMillis, heartbeat.toMillis());
    this.overflow = new Use("", null, 0, "", false, dropped);
    this.thread = Thread.ofPlatform().daemon().name("promptops-reporter").unstarted(this::loop);
    if (start) {
      thread.start();
    }
  }

  /** The use counter for a key: the same object every time, so callers keep it. */
  Use use(String prompt, String environment, int version, String digest, boolean fallback) {
    String key = prompt + '\n' + environment + '\n' + version + '\n' + digest + '\n' + fallback;
    Use existing = uses.get(key);
    if (existing != null) {
      return existing;
    }
    if (uses.size() >= maxKeys) {
      return overflow;
    }
    return uses.computeIfAbsent(
        key, k -> new Use(prompt, environment, version, digest, fallback, null));
  }

  private void loop() {
    long next = System.currentTimeMillis() + everyMillis;
    while (running) {
      try {
        Thread.sleep(Math.max(1, next - System.currentTimeMillis()));
      } catch (InterruptedException e) {
        break;
      }
      if (System.currentTimeMillis() >= next) {
        flush(false);
        next = System.currentTimeMillis() + everyMillis;
      }
    }
  }

  /**
   * Sends what was used since the last successful send, or a heartbeat when nothing was and the
   * last send is older than the heartbeat interval ({@code force}: send even an empty report).
   *
   * @return whether the server took it
   */
  boolean flush(boolean force) {
    lock.lock();
    try {
      return flushLocked(force);
    } finally {
      lock.unlock();
    }
  }

  private boolean flushLocked(boolean force) {
    long now = System.currentTimeMillis();
    coarseNow = now;
    var taken = new ArrayList<Taken>();
    for (Use use : uses.values()) {
      long first = use.firstSeen;
      long n = use.count.sumThenReset();
      if (n > 0) {
        use.firstSeen = 0;
        taken.add(new Taken(use, n, first == 0 ? now : first));
      }
    }
    long droppedNow = dropped.sum();
    boolean due = force || now - lastSent >= heartbeatMillis || droppedNow != droppedReported;
    if (taken.isEmpty() && !due) {
      return true;
    }
    try {
      int from = 0;
      do {
        List<Taken> part = taken.subList(from, Math.min(taken.size(), from + MAX_PER_REPORT));
        send.accept(report(part, droppedNow, now));
        from += part.size();
      } while (from < taken.size());
      lastSent = now;
      droppedReported = droppedNow;
      return true;
    } catch (RuntimeException e) {
      failed.increment();
      for (Taken t : taken) {
        t.use().count.add(t.count());
        long first = t.use().firstSeen;
        if (first == 0 || t.firstSeen() < first) {
          t.use().firstSeen = t.firstSeen();
        }
      }
      LOG.log(
          System.Logger.Level.DEBUG,
          "usage report not sent; kept for the next one: {0}",
          e.getMessage());
      return false;
    }
  }

  private ObjectNode report(List<Taken> taken, long droppedTotal, long now) {
    ObjectNode out = Json.object();
    out.set("instance", instance);
    out.put("dropped", droppedTotal);
    ArrayNode served = out.putArray("served");
    for (Taken t : taken) {
      Use u = t.use();
      ObjectNode s = served.addObject();
      s.put("prompt", u.prompt);
      s.put("environment", u.environment);
      if (u.version > 0) {
        s.put("version", u.version);
      } else {
        s.putNull("version");
      }
      s.put("digest", u.digest);
      s.put("fallback", u.fallback);
      s.put("count", t.count());
      long last = Math.max(u.lastSeen, t.firstSeen());
      s.put("firstSeen", Instant.ofEpochMilli(Math.min(t.firstSeen(), last)).toString());
      s.put("lastSeen", Instant.ofEpochMilli(Math.min(last, now)).toString());
    }
    return out;
  }

  /** Uses counted as dropped: their key did not fit in the bounded table. */
  long dropped() {
    return dropped.sum();
  }

  /** Reports that failed (and were kept for the next). */
  long failed() {
    return failed.sum();
  }

  /**
   * Stops the thread and sends what is left, once. When a send is in flight (to a server that
   * hangs), it is not waited for: what it carries goes with it, what came after is given up.
   */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      if (thread.getState() != Thread.State.NEW) {
        thread.join(Duration.ofMillis(200));
      }
      if (lock.tryLock(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        try {
          flushLocked(false);
        } finally {
          lock.unlock();
        }
      } else {
        LOG.log(System.Logger.Level.DEBUG, "a usage report is in flight; not waiting for it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
