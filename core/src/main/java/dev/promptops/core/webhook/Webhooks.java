package dev.promptops.core.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.ConflictException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.provider.MasterKey;
import dev.promptops.core.provider.SecretBox;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point for a project's webhook subscriptions and their delivery log (project admins:
 * a URL may carry a token). The signing secret is generated here, shown once by {@link #create} and
 * {@link #rotate}, stored encrypted under the server's {@link MasterKey} like provider credentials,
 * and never returned, logged or audited again.
 */
public final class Webhooks {
  /** The most deliveries one page of the log holds. */
  public static final int MAX_PAGE = 100;

  /** The longest a rotated-out secret is still signed with. */
  public static final int MAX_KEEP_DAYS = 7;

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;
  private final SecretBox box;

  public Webhooks(Store store, AuditLog audit, Clock clock, MasterKey key) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.box = new SecretBox(key);
  }

  /** A subscription and, only at creation or rotation, its secret in plain text. */
  public record Created(WebhookInfo webhook, String secret) {
    @Override
    public String toString() {
      return "Created[" + webhook.id() + "]";
    }
  }

  /** What an update changes; a null field keeps the stored value. */
  public record Changes(String url, List<String> events, Boolean enabled) {}

  public Created create(
      Principal who, String project, String url, List<String> events, boolean enabled) {
    require(who, project);
    String checkedUrl = WebhookUrls.check(url);
    List<String> checkedEvents = WebhookEvents.check(events);
    String id = WebhookIds.subscription();
    String secret = WebhookIds.secret();
    Instant now = now();
    var s =
        new WebhookSubscription(
            id,
            project,
            checkedUrl,
            checkedEvents,
            enabled,
            seal(secret, project, id),
            null,
            now,
            who.name(),
            now,
            who.name());
    store.write(
        tx -> {
          requireProject(tx, project);
          tx.webhooks().createSubscription(s);
          audit.append(tx, now, who.name(), "webhook.create", project, id, describe(s));
          return null;
        });
    return new Created(s.info(), secret);
  }

  public List<WebhookInfo> list(Principal who, String project) {
    require(who, project);
    return store.read(
        tx -> {
          requireProject(tx, project);
          return tx.webhooks().subscriptions(project).stream()
              .map(WebhookSubscription::info)
              .toList();
        });
  }

  public WebhookInfo get(Principal who, String project, String id) {
    require(who, project);
    return store.read(tx -> subscription(tx, project, id).info());
  }

  public WebhookInfo update(Principal who, String project, String id, Changes changes) {
    require(who, project);
    String url = changes.url() == null ? null : WebhookUrls.check(changes.url());
    List<String> events = changes.events() == null ? null : WebhookEvents.check(changes.events());
    Instant now = now();
    return store.write(
        tx -> {
          WebhookSubscription old = subscription(tx, project, id);
          var updated =
              old.with(
                  url != null ? url : old.url(),
                  events != null ? events : old.events(),
                  changes.enabled() != null ? changes.enabled() : old.enabled(),
                  now,
                  who.name());
          tx.webhooks().updateSubscription(updated);
          ObjectNode details = describe(updated);
          details.set("before", describe(old));
          audit.append(tx, now, who.name(), "webhook.update", project, id, details);
          return updated.info();
        });
  }

  /** Removes a subscription and its delivery log; returns what was removed. */
  public WebhookInfo delete(Principal who, String project, String id) {
    require(who, project);
    Instant now = now();
    return store.write(
        tx -> {
          WebhookSubscription old = subscription(tx, project, id);
          tx.webhooks().deleteSubscription(project, id);
          audit.append(tx, now, who.name(), "webhook.delete", project, id, describe(old));
          return old.info();
        });
  }

  /**
   * Replaces the signing secret; the new one is shown this once. Deliveries are signed with the new
   * secret and, for {@code keepPrevious} (up to {@value #MAX_KEEP_DAYS} days; zero for none), with
   * the previous one too, so receivers can switch without refusing a delivery.
   */
  public Created rotate(Principal who, String project, String id, Duration keepPrevious) {
    require(who, project);
    if (keepPrevious.isNegative() || keepPrevious.compareTo(Duration.ofDays(MAX_KEEP_DAYS)) > 0) {
      throw new InvalidInputException(
          "invalid_keep_previous",
          "the previous secret can be kept 0 to " + MAX_KEEP_DAYS + " days, not " + keepPrevious,
          "send keepPreviousSeconds between 0 and " + Duration.ofDays(MAX_KEEP_DAYS).toSeconds());
    }
    String secret = WebhookIds.secret();
    Instant now = now();
    Instant until = keepPrevious.isZero() ? null : now.plus(keepPrevious);
    WebhookSubscription rotated =
        store.write(
            tx -> {
              WebhookSubscription old = subscription(tx, project, id);
              var s = old.withSecret(seal(secret, project, id), until, now, who.name());
              tx.webhooks().updateSubscription(s);
              ObjectNode details = Json.object().put("id", id).put("secretChanged", true);
              details.put("previousSecretUntil", until == null ? null : until.toString());
              audit.append(tx, now, who.name(), "webhook.rotate", project, id, details);
              return s;
            });
    return new Created(rotated.info(), secret);
  }

  /** Queues a {@code ping} to the subscription (sent even when it is disabled). */
  public WebhookDelivery ping(Principal who, String project, String id) {
    require(who, project);
    Instant now = now();
    return store.write(
        tx -> {
          WebhookSubscription s = subscription(tx, project, id);
          String deliveryId = WebhookIds.delivery();
          String body = WebhookPayload.ping(deliveryId, s, now, who.name());
          var d = WebhookDelivery.queued(deliveryId, s, WebhookEvents.PING, null, body, now);
          tx.webhooks().enqueue(d);
          return d;
        });
  }

  /** The delivery log of a subscription, newest first. */
  public List<WebhookDelivery> deliveries(
      Principal who, String project, String id, String before, int limit) {
    require(who, project);
    if (limit < 1 || limit > MAX_PAGE) {
      throw new InvalidInputException(
          "invalid_limit",
          "limit must be 1.." + MAX_PAGE + ": " + limit,
          "ask for at most " + MAX_PAGE + " deliveries a page, and page on with ?before=");
    }
    return store.read(
        tx -> {
          subscription(tx, project, id);
          if (before != null) {
            delivery(tx, project, id, before);
          }
          return tx.webhooks().deliveries(project, id, before, limit);
        });
  }

  public WebhookDelivery delivery(Principal who, String project, String id, String deliveryId) {
    require(who, project);
    return store.read(
        tx -> {
          subscription(tx, project, id);
          return delivery(tx, project, id, deliveryId);
        });
  }

  /** Sends a delivery again: same id and body, due now, with a fresh series of attempts. */
  public WebhookDelivery redeliver(Principal who, String project, String id, String deliveryId) {
    require(who, project);
    Instant now = now();
    return store.write(
        tx -> {
          subscription(tx, project, id);
          delivery(tx, project, id, deliveryId);
          if (!tx.webhooks().requeue(project, deliveryId, now)) {
            throw new ConflictException(
                "delivery_in_progress",
                "delivery " + deliveryId + " is being sent right now",
                "wait for the attempt to end, then redeliver if it failed",
                null);
          }
          return delivery(tx, project, id, deliveryId);
        });
  }

  /**
   * Where a delivery goes now: the subscription's URL, the secrets to sign with in plain text (the
   * current one first, then a rotated-out one still kept), and whether it is enabled.
   */
  public record Destination(String url, List<String> secrets, boolean enabled) {
    public Destination {
      secrets = List.copyOf(secrets);
    }

    @Override
    public String toString() {
      return "Destination[" + WebhookUrls.redacted(url) + (enabled ? "" : ", disabled") + "]";
    }
  }

  /**
   * The destination of a subscription, its secrets decrypted in memory, for the worker that sends
   * its deliveries; empty when the subscription is gone. No permission check.
   */
  public Optional<Destination> destination(String project, String id) {
    Instant now = now();
    return store
        .read(tx -> tx.webhooks().findSubscription(project, id))
        .map(
            s -> {
              var secrets = new ArrayList<String>();
              secrets.add(box.open(s.secret(), project, sealedName(id)));
              if (s.previous() != null && s.previous().until().isAfter(now)) {
                secrets.add(box.open(s.previous().secret(), project, sealedName(id)));
              }
              return new Destination(s.url(), secrets, s.enabled());
            });
  }

  private SecretBox.Sealed seal(String secret, String project, String id) {
    return box.seal(secret, project, sealedName(id));
  }

  /** The name a secret is sealed for: its subscription, apart from any provider's name. */
  private static String sealedName(String id) {
    return "webhook/" + id;
  }

  private static void require(Principal who, String project) {
    Names.project(project);
    who.require(project, Permission.ADMIN);
  }

  private static void requireProject(Tx tx, String project) {
    if (tx.projects().find(project).isEmpty()) {
      throw new NotFoundException(
          "project_not_found",
          "no project named '" + project + "'",
          "list projects with `promptops projects`");
    }
  }

  private static WebhookSubscription subscription(Tx tx, String project, String id) {
    requireProject(tx, project);
    Optional<WebhookSubscription> found =
        WebhookIds.valid(id) ? tx.webhooks().findSubscription(project, id) : Optional.empty();
    return found.orElseThrow(
        () ->
            new NotFoundException(
                "webhook_not_found",
                "no webhook '" + id + "' in project '" + project + "'",
                "list them with GET /api/v1/projects/" + project + "/webhooks"));
  }

  private static WebhookDelivery delivery(Tx tx, String project, String id, String deliveryId) {
    Optional<WebhookDelivery> found =
        WebhookIds.valid(deliveryId)
            ? tx.webhooks().findDelivery(project, deliveryId)
            : Optional.empty();
    return found
        .filter(d -> d.subscriptionId().equals(id))
        .orElseThrow(
            () ->
                new NotFoundException(
                    "delivery_not_found",
                    "no delivery '" + deliveryId + "' of webhook '" + id + "'",
                    "list its deliveries with GET …/webhooks/" + id + "/deliveries"));
  }

  /** The audit details of a subscription: never its secret, its URL without the query. */
  private static ObjectNode describe(WebhookSubscription s) {
    ObjectNode d = Json.object();
    d.put("id", s.id());
    d.put("url", WebhookUrls.redacted(s.url()));
    d.set("events", Json.mapper().valueToTree(s.events()));
    d.put("enabled", s.enabled());
    return d;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
