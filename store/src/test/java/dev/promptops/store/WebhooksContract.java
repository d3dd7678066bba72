package dev.promptops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.ConflictException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.audit.AuditSubscriber;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.MasterKey;
import dev.promptops.core.store.Tx;
import dev.promptops.core.webhook.DeliveryStatus;
import dev.promptops.core.webhook.WebhookDelivery;
import dev.promptops.core.webhook.WebhookOutbox;
import dev.promptops.core.webhook.Webhooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook subscriptions and their outbox: secrets stored only encrypted, deliveries queued in the
 * transaction of the change (and not at all when it is refused), claimed once under a lease.
 */
abstract class WebhooksContract extends StoreContract {
  static final String HOOK = "https://hooks.example.com/promptops";

  final MasterKey key = MasterKey.generate();
  Webhooks webhooks;

  @BeforeEach
  void withOutbox() {
    audit = new AuditLog(List.of(new WebhookOutbox()));
    webhooks = new Webhooks(store, audit, clock, key);
    createShop();
    projects().create(ADMIN, "other", "", List.of("production"));
  }

  String subscribe(String project, List<String> events, boolean enabled) {
    return webhooks.create(ADMIN, project, HOOK, events, enabled).webhook().id();
  }

  List<WebhookDelivery> deliveriesOf(String id) {
    return webhooks.deliveries(ADMIN, "shop", id, null, 100);
  }

  Optional<WebhookDelivery> claim(String worker, Instant now) {
    return store.write((Tx tx) -> tx.webhooks().claim(worker, now, Duration.ofMinutes(1)));
  }

  boolean record(String id, String worker, WebhookDelivery.Outcome outcome) {
    return store.write((Tx tx) -> tx.webhooks().record(id, worker, outcome));
  }

  @Test
  void theSecretIsShownOnceAndStoredOnlyEncrypted() {
    var created = webhooks.create(ADMIN, "shop", HOOK + "?token=t0ps3cret", List.of("*"), true);
    String id = created.webhook().id();

    assertThat(created.secret()).startsWith("whsec_").hasSize(6 + 64);
    String row =
        store
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT * FROM webhook_subscriptions")
                        .mapToMap()
                        .one()
                        .toString());
    assertThat(row).doesNotContain(created.secret()).contains(key.id());
    assertThat(webhooks.destination("shop", id).orElseThrow().secrets())
        .containsExactly(created.secret());
    assertThat(webhooks.get(ADMIN, "shop", id).url()).isEqualTo(HOOK + "?token=t0ps3cret");
    String audited = store.read((Tx tx) -> tx.audit().last()).orElseThrow().details().toString();
    assertThat(audited).doesNotContain(created.secret()).doesNotContain("t0ps3cret");

    var rotated = webhooks.rotate(ADMIN, "shop", id, Duration.ZERO);
    assertThat(rotated.secret()).isNotEqualTo(created.secret());
    assertThat(webhooks.destination("shop", id).orElseThrow().secrets())
        .containsExactly(rotated.secret());
    assertThat(rotated.webhook().previousSecretUntil()).isNull();
    assertThat(actions()).contains("webhook.create", "webhook.rotate");
    assertThat(webhooks.list(ADMIN, "other")).isEmpty();
  }

  @Test
  void aRotationCanKeepThePreviousSecretForAWhile() {
    var created = webhooks.create(ADMIN, "shop", HOOK, List.of("*"), true);
    String id = created.webhook().id();

    var rotated = webhooks.rotate(ADMIN, "shop", id, Duration.ofHours(1));
    assertThat(rotated.webhook().previousSecretUntil()).isEqualTo(T0.plusSeconds(3600));
    assertThat(webhooks.get(ADMIN, "shop", id).previousSecretUntil())
        .isEqualTo(T0.plusSeconds(3600));
    assertThat(webhooks.destination("shop", id).orElseThrow().secrets())
        .containsExactly(rotated.secret(), created.secret());
    var later = new Webhooks(store, audit, Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC), key);
    assertThat(later.destination("shop", id).orElseThrow().secrets())
        .containsExactly(rotated.secret());
    String audited = store.read((Tx tx) -> tx.audit().last()).orElseThrow().details().toString();
    assertThat(audited).doesNotContain(rotated.secret()).doesNotContain(created.secret());

    refusedWithoutChange(
        () -> webhooks.rotate(ADMIN, "shop", id, Duration.ofDays(8)),
        InvalidInputException.class,
        "invalid_keep_previous");
  }

  @Test
  void aDeployQueuesOneDeliveryPerEnabledSubscriptionThatWantsItWithFromAndTo() {
    String deploys = subscribe("shop", List.of("deployment.created"), true);
    String all = subscribe("shop", List.of("*"), true);
    String disabled = subscribe("shop", List.of("*"), false);
    String elsewhere = subscribe("other", List.of("*"), true);
    pushVersions("greet", 2);
    deploy("greet", "staging", 1, null);
    deploy("greet", "staging", 2, 1);

    assertThat(deliveriesOf(deploys))
        .hasSize(2)
        .allMatch(d -> d.event().equals("deployment.created"));
    assertThat(deliveriesOf(all))
        .extracting(WebhookDelivery::event)
        .containsExactly(
            "deployment.created", "deployment.created", "version.created", "version.created");
    assertThat(deliveriesOf(disabled)).isEmpty();
    assertThat(webhooks.deliveries(ADMIN, "other", elsewhere, null, 10)).isEmpty();

    var newest = Json.parseTrusted(deliveriesOf(deploys).getFirst().body());
    assertThat(newest.get("event").asText()).isEqualTo("deployment.created");
    assertThat(newest.get("project").asText()).isEqualTo("shop");
    assertThat(newest.get("target").asText()).isEqualTo("greet");
    assertThat(newest.at("/data/fromVersion").asInt()).isEqualTo(1);
    assertThat(newest.at("/data/toVersion").asInt()).isEqualTo(2);
    assertThat(newest.get("id").asText()).isEqualTo(deliveriesOf(deploys).getFirst().id());
    assertThat(newest.get("auditSeq").asLong())
        .isEqualTo(store.read((Tx tx) -> tx.audit().last()).orElseThrow().seq());
  }

  @Test
  void aRefusedChangeQueuesNothing() {
    subscribe("shop", List.of("*"), true);
    pushVersions("greet", 2);
    deploy("greet", "staging", 1, null);

    refusedWithoutChange(
        () -> deploy("greet", "staging", 2, 2), ConflictException.class, "pin_changed");
    refusedWithoutChange(
        () -> webhooks.create(ADMIN, "shop", "ftp://x.example", List.of("*"), true),
        InvalidInputException.class,
        "invalid_url");
    refusedWithoutChange(
        () -> webhooks.create(ADMIN, "shop", HOOK, List.of("deployment.create"), true),
        InvalidInputException.class,
        "unknown_event");
  }

  @Test
  void aChangeRolledBackAfterItsDeliveriesWereQueuedLeavesNone() {
    subscribe("shop", List.of("*"), true);
    pushVersions("greet", 1);
    long queued = rows("webhook_deliveries");
    AuditSubscriber refuses =
        (tx, entry) -> {
          if (entry.action().equals("deployment.deploy")) {
            throw new IllegalStateException("a later subscriber fails");
          }
        };
    audit = new AuditLog(List.of(new WebhookOutbox(), refuses));

    assertThatThrownBy(() -> deploy("greet", "staging", 1, null))
        .hasMessage("a later subscriber fails");
    assertThat(rows("webhook_deliveries")).isEqualTo(queued);
    assertThat(store.read((Tx tx) -> tx.pins().find("shop", "greet", "staging"))).isEmpty();
  }

  @Test
  void aDueDeliveryIsClaimedByOneWorkerUntilItsLeaseLapses() {
    String id = subscribe("shop", List.of("*"), true);
    var ping = webhooks.ping(ADMIN, "shop", id);

    var claimed = claim("w1", T0).orElseThrow();
    assertThat(claimed.id()).isEqualTo(ping.id());
    assertThat(claimed.status()).isEqualTo(DeliveryStatus.DELIVERING);
    assertThat(claim("w2", T0.plusSeconds(59))).isEmpty();
    var taken = claim("w2", T0.plusSeconds(60)).orElseThrow();
    assertThat(taken.id()).isEqualTo(ping.id());

    var retry =
        new WebhookDelivery.Outcome(
            DeliveryStatus.PENDING, 500, "boom", T0.plusSeconds(61), T0.plusSeconds(70));
    assertThat(record(ping.id(), "w1", retry)).as("w1 lost its lease").isFalse();
    assertThat(record(ping.id(), "w2", retry)).isTrue();
    assertThat(claim("w1", T0.plusSeconds(69))).isEmpty();
    var again = claim("w1", T0.plusSeconds(70)).orElseThrow();
    assertThat(again.attempts()).isEqualTo(1);
    assertThat(again.lastStatusCode()).isEqualTo(500);
    assertThat(again.lastError()).isEqualTo("boom");

    var done =
        new WebhookDelivery.Outcome(DeliveryStatus.DELIVERED, 204, null, T0.plusSeconds(71), null);
    assertThat(record(ping.id(), "w1", done)).isTrue();
    var logged = webhooks.delivery(ADMIN, "shop", id, ping.id());
    assertThat(logged.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(logged.attempts()).isEqualTo(2);
    assertThat(logged.deliveredAt()).isEqualTo(T0.plusSeconds(71));
    assertThat(claim("w1", T0.plusSeconds(3600))).isEmpty();

    var redelivered = webhooks.redeliver(ADMIN, "shop", id, ping.id());
    assertThat(redelivered.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(redelivered.attempts()).isZero();
    assertThat(redelivered.body()).isEqualTo(ping.body());
  }

  @Test
  void theDeliveryLogPagesNewestFirstAndGoesWithItsSubscription() {
    String id = subscribe("shop", List.of("*"), true);
    for (int i = 0; i < 5; i++) {
      webhooks.ping(ADMIN, "shop", id);
    }
    List<String> all = deliveriesOf(id).stream().map(WebhookDelivery::id).toList();
    var first = webhooks.deliveries(ADMIN, "shop", id, null, 2);
    var second = webhooks.deliveries(ADMIN, "shop", id, first.getLast().id(), 2);
    var third = webhooks.deliveries(ADMIN, "shop", id, second.getLast().id(), 2);
    assertThat(
            java.util.stream.Stream.of(first, second, third)
                .flatMap(List::stream)
                .map(WebhookDelivery::id))
        .containsExactlyElementsOf(all);

    webhooks.delete(ADMIN, "shop", id);
    assertThat(rows("webhook_deliveries")).isZero();
    assertThat(rows("webhook_subscriptions")).isZero();
    assertThatThrownBy(() -> webhooks.get(ADMIN, "shop", id))
        .hasMessageContaining("no webhook '" + id + "'");
  }

  @Test
  void pruningRemovesOnlyEndedDeliveriesQueuedBeforeTheCutOff() {
    String id = subscribe("shop", List.of("*"), true);
    var delivered = webhooks.ping(ADMIN, "shop", id);
    var pending = webhooks.ping(ADMIN, "shop", id);
    assertThat(claim("w", T0).orElseThrow().id()).as("the first queued").isEqualTo(delivered.id());
    record(
        delivered.id(),
        "w",
        new WebhookDelivery.Outcome(DeliveryStatus.DELIVERED, 200, null, T0, null));

    assertThat(store.write((Tx tx) -> tx.webhooks().prune(T0))).isZero();
    assertThat(store.write((Tx tx) -> tx.webhooks().prune(T0.plusMillis(1)))).isEqualTo(1);
    assertThat(deliveriesOf(id)).extracting(WebhookDelivery::id).containsExactly(pending.id());
  }

  long rows(String table) {
    return store
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }
}
