package dev.promptops.core.provider;

import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Records usage events off the request path: {@link #record} only queues; one background thread
 * writes the queue in batches (up to {@value #BATCH} events, at least every flush interval). When
 * the queue is full the event is counted as dropped rather than slowing the request. {@link #close}
 * writes what is left.
 */
public final class UsageRecorder implements UsageSink, AutoCloseable {
  public static final int BATCH = 500;
  public static final int CAPACITY = 100_000;
  private static final System.Logger LOG = System.getLogger(UsageRecorder.class.getName());

  private final Store store;
  private final Duration interval;
  private final BlockingQueue<UsageEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final Thread writer;
  private volatile boolean closing;
  private volatile BiConsumer<Tx, List<UsageEvent>> alsoWrite = (tx, batch) -> {};

  public UsageRecorder(Store store, Duration interval) {
    this.store = store;
    this.interval = interval;
    this.writer = Thread.ofPlatform().daemon().name("promptops-usage-writer").unstarted(this::loop);
  }

  /** Starts the background writer; returns this. */
  public UsageRecorder start() {
    writer.start();
    return this;
  }

  @Override
  public void record(UsageEvent event) {
    if (!queue.offer(event)) {
      dropped.incrementAndGet();
    }
  }

  /**
   * Also writes each batch elsewhere, in the batch's transaction (the server records what it served
   * for drift detection).
   */
  public void alsoWrite(BiConsumer<Tx, List<UsageEvent>> writer) {
    this.alsoWrite = writer;
  }

  /** Events written so far. */
  public long written() {
    return written.get();
  }

  /** Events lost because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Writes everything queued now (tests, shutdown). */
  public void flush() {
    var batch = new ArrayList<UsageEvent>();
    while (queue.drainTo(batch, BATCH) > 0) {
      write(batch);
      batch.clear();
    }
  }

  private void loop() {
    var batch = new ArrayList<UsageEvent>(BATCH);
    while (!closing) {
      try {
        UsageEvent first = queue.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        write(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void write(List<UsageEvent> batch) {
    try {
      store.write(
          tx -> {
            List<UsageEvent> events = List.copyOf(batch);
            tx.usage().append(events);
            alsoWrite.accept(tx, events);
            return null;
          });
      written.addAndGet(batch.size());
    } catch (RuntimeException e) {
      dropped.addAndGet(batch.size());
      LOG.log(System.Logger.Level.WARNING, "could not write " + batch.size() + " usage events", e);
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      writer.join(interval.toMillis() + 10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
