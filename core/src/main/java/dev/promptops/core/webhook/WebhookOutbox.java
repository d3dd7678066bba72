package dev.promptops.core.webhook;

import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditSubscriber;
import dev.promptops.core.store.Tx;
import java.util.Optional;

/**
 * Queues the deliveries an audit entry calls for, in the transaction that appends it: one per
 * enabled subscription of the entry's project that wants the entry's event. The change and its
 * deliveries commit together, so an event is never sent for a change that was rolled back, and
 * never lost for one that committed.
 */
public final class WebhookOutbox implements AuditSubscriber {

  @Override
  public void appended(Tx tx, AuditEntry entry) {
    Optional<String> event = WebhookEvents.forAction(entry.action());
    if (event.isEmpty() || entry.project() == null) {
      return;
    }
    for (WebhookSubscription s : tx.webhooks().subscriptions(entry.project())) {
      if (s.wants(event.get())) {
        String id = WebhookIds.delivery();
        String body = WebhookPayload.of(id, event.get(), entry);
        tx.webhooks()
            .enqueue(WebhookDelivery.queued(id, s, event.get(), entry.seq(), body, entry.at()));
      }
    }
  }
}
