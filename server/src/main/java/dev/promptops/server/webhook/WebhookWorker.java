package dev.promptops.server.webhook;

import dev.promptops.core.store.Store;
import dev.promptops.core.webhook.DeliveryStatus;
import dev.promptops.core.webhook.WebhookDelivery;
import dev.promptops.core.webhook.WebhookEvents;
import dev.promptops.core.webhook.Webhooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends due webhook deliveries in the background: claims each from the database under a lease (so
 * of several servers on one database one sends it), POSTs it on a virtual thread, and records the
 * attempt: delivered on 2xx, else due again after the retry schedule's next delay, or failed after
 * the last attempt. Deliveries wait in the database, so those pending when a server stops go out
 * after it starts again; one whose server died mid-attempt is claimed again when its lease lapses
 * (receivers may see it twice, with the same {@code PromptOps-Delivery}). Ended deliveries are
 * removed from the log after the retention.
 */
public final class WebhookWorker implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WebhookWorker.class.getName());
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  private final Store store;
  private final Webhooks webhooks;
  private final WebhookSettings settings;
  private final Clock clock;
  private final WebhookSender sender;
  private final Semaphore slots;
  private final String name = "webhooks-" + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Object wake = new Object();
  private Thread thread;
  private Instant pruned = Instant.EPOCH;

  public WebhookWorker(Store store, Webhooks webhooks, WebhookSettings settings, Clock clock) {
    this.store = store;
    this.webhooks = webhooks;
    this.settings = settings;
    this.clock = clock;
    this.sender = new WebhookSender(settings.timeout(), clock);
    this.slots = new Semaphore(settings.concurrency());
  }

  /** Starts polling for due deliveries on a thread of its own. */
  public synchronized WebhookWorker start() {
    if (thread == null) {
      thread = Thread.ofVirtual().name("promptops-" + name).start(this::loop);
    }
    return this;
  }

  private void loop() {
    while (!stopping.get()) {
      boolean claimed;
      try {
        claimed = dispatchOne();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "webhook worker " + name + ": " + e.getMessage(), e);
        claimed = false;
      } catch (InterruptedException e) {
        return;
      }
      if (!claimed) {
        prune();
        if (!idle()) {
          return;
        }
      }
    }
  }

  /** Waits for a free slot, claims a due delivery and sends it; false when none was due. */
  private boolean dispatchOne() throws InterruptedException {
    slots.acquire();
    Optional<WebhookDelivery> claimed;
    try {
      claimed = store.write(tx -> tx.webhooks().claim(name, now(), settings.lease()));
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
    if (claimed.isEmpty()) {
      slots.release();
      return false;
    }
    WebhookDelivery d = claimed.get();
    Thread.ofVirtual()
        .name("promptops-webhook-" + d.id())
        .start(
            () -> {
              try {
                attempt(d);
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "webhook delivery " + d.id() + ": " + e.getMessage(), e);
              } finally {
                slots.release();
              }
            });
    return true;
  }

  /** Sleeps until the next poll; false when stopping. */
  private boolean idle() {
    synchronized (wake) {
      if (stopping.get()) {
        return false;
      }
      try {
        wake.wait(settings.poll().toMillis());
        return true;
      } catch (InterruptedException e) {
        return false;
      }
    }
  }

  private void attempt(WebhookDelivery d) {
    if (stopping.get()) {
      store.write(tx -> tx.webhooks().release(d.id(), name));
      return;
    }
    Optional<Webhooks.Destination> to;
    WebhookDelivery.Outcome outcome;
    try {
      to = webhooks.destination(d.project(), d.subscriptionId());
      if (to.isEmpty()) {
        return; // the subscription was removed, and its deliveries with it
      }
      outcome = send(d, to.get());
    } catch (RuntimeException e) {
      // e.g. a secret sealed with another master key: an attempt that failed, not a stuck one
      outcome = outcomeOf(d, null, "not sent: " + e.getMessage(), null);
    }
    WebhookDelivery.Outcome recorded = outcome;
    if (!store.write(tx -> tx.webhooks().record(d.id(), name, recorded))) {
      LOG.warning("webhook delivery " + d.id() + ": the lease lapsed before the attempt ended");
    } else if (outcome.status() == DeliveryStatus.FAILED) {
      LOG.warning("webhook delivery " + d.id() + " failed for good: " + outcome.error());
    }
  }

  private WebhookDelivery.Outcome send(WebhookDelivery d, Webhooks.Destination to) {
    if (!to.enabled() && !d.event().equals(WebhookEvents.PING)) {
      return new WebhookDelivery.Outcome(
          DeliveryStatus.FAILED, null, "not sent: the webhook is disabled", now(), null);
    }
    WebhookSender.Answer answer = sender.send(d, to.url(), to.secrets());
    return outcomeOf(d, answer.statusCode(), answer.error(), answer.retryAfter());
  }

  private WebhookDelivery.Outcome outcomeOf(
      WebhookDelivery d, Integer statusCode, String error, Duration retryAfter) {
    return settings.schedule().outcome(d.attempts() + 1, statusCode, error, retryAfter, now());
  }

  /** At most once an hour, removes the deliveries that ended longer ago than the retention. */
  private void prune() {
    Instant now = now();
    if (Duration.between(pruned, now).compareTo(PRUNE_EVERY) < 0) {
      return;
    }
    pruned = now;
    try {
      int removed = store.write(tx -> tx.webhooks().prune(now.minus(settings.retention())));
      if (removed > 0) {
        LOG.info("webhook deliveries: removed " + removed + " older than " + settings.retention());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot prune the webhook delivery log: " + e.getMessage(), e);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Stops claiming, lets attempts in progress end (up to their timeout), then closes. */
  @Override
  public void close() {
    stopping.set(true);
    synchronized (wake) {
      wake.notifyAll();
    }
    Thread t;
    synchronized (this) {
      t = thread;
    }
    try {
      if (t != null) {
        t.join(settings.timeout().plusSeconds(5));
      }
      if (slots.tryAcquire(
          settings.concurrency(),
          settings.timeout().plusSeconds(5).toMillis(),
          TimeUnit.MILLISECONDS)) {
        slots.release(settings.concurrency());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sender.close();
    }
  }
}
