package dev.promptops.core.store;

import dev.promptops.core.webhook.WebhookDelivery;
import dev.promptops.core.webhook.WebhookSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Webhook subscriptions and their deliveries (an outbox: deliveries are inserted in the transaction
 * of the change they announce, and sent afterwards by whichever server claims them).
 */
public interface WebhookRepository {

  void createSubscription(WebhookSubscription subscription);

  Optional<WebhookSubscription> findSubscription(String project, String id);

  /** The subscriptions of a project, oldest first. */
  List<WebhookSubscription> subscriptions(String project);

  /** Replaces the stored subscription of that id; false when there is none. */
  boolean updateSubscription(WebhookSubscription subscription);

  /** Removes a subscription and its deliveries; false when there was none. */
  boolean deleteSubscription(String project, String id);

  void enqueue(WebhookDelivery delivery);

  Optional<WebhookDelivery> findDelivery(String project, String id);

  /**
   * Deliveries of a subscription, newest first, after {@code before} (the id of the last delivery
   * of the previous page; null for the first page), at most {@code limit}.
   */
  List<WebhookDelivery> deliveries(String project, String subscriptionId, String before, int limit);

  /**
   * Claims the delivery due longest (pending with its next attempt at or before {@code now}, or
   * delivering under a lease that has expired) for {@code worker}: marks it delivering with a lease
   * until {@code now + lease}. Two workers never claim the same delivery.
   */
  Optional<WebhookDelivery> claim(String worker, Instant now, Duration lease);

  /**
   * Records an attempt of a delivery {@code worker} holds and releases the lease; false when it
   * holds it no more.
   */
  boolean record(String id, String worker, WebhookDelivery.Outcome outcome);

  /** Hands a claimed delivery back unsent (the server is stopping); false when not held. */
  boolean release(String id, String worker);

  /**
   * Queues a delivery again with its id and body, due at {@code now} with a new count of attempts;
   * false when there is no such delivery or a worker is sending it.
   */
  boolean requeue(String project, String id, Instant now);

  /** Removes delivered and failed deliveries queued before {@code before}; answers how many. */
  int prune(Instant before);
}
