package dev.promptops.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.promptops.core.json.Json;
import dev.promptops.core.store.WebhookRepository;
import dev.promptops.core.webhook.WebhookDelivery;
import dev.promptops.core.webhook.WebhookSubscription;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Webhook subscriptions, their secrets only as ciphertext, and their deliveries. A worker claims
 * the delivery due longest, or one whose lease has expired (its worker died), in a write
 * transaction (serialised; on PostgreSQL the row is also locked {@code FOR UPDATE SKIP LOCKED}),
 * the same way {@link EvalRows} claims runs. Deliveries are in {@link WebhookDeliveryRows}.
 */
final class WebhookRows implements WebhookRepository {
  private static final String COLUMNS =
      "id, project, url, events, enabled, secret_key_id, secret_nonce, secret_ciphertext,"
          + " previous_secret_key_id, previous_secret_nonce, previous_secret_ciphertext,"
          + " previous_secret_until, created_at, created_by, updated_at, updated_by";
  private static final TypeReference<List<String>> EVENTS = new TypeReference<>() {};

  private final Sql sql;
  private final WebhookDeliveryRows deliveries;

  WebhookRows(Sql sql, Dialect dialect) {
    this.sql = sql;
    this.deliveries = new WebhookDeliveryRows(sql, dialect);
  }

  @Override
  public void createSubscription(WebhookSubscription s) {
    sql.call(
        "create webhook " + s.id() + " of project " + s.project(),
        h ->
            bind(
                    h.createUpdate(
                        "INSERT INTO webhook_subscriptions ("
                            + COLUMNS
                            + ") VALUES (:id, :project, :url, :events, :enabled, :keyId, :nonce,"
                            + " :ciphertext, :previousKeyId, :previousNonce, :previousCiphertext,"
                            + " :previousUntil, :createdAt, :createdBy, :updatedAt, :updatedBy)"),
                    s)
                .execute());
  }

  @Override
  public Optional<WebhookSubscription> findSubscription(String project, String id) {
    return sql.call(
        "find webhook " + id + " of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM webhook_subscriptions WHERE id = :id AND project = :project")
                .bind("id", id)
                .bind("project", project)
                .map((rs, ctx) -> subscription(rs))
                .findOne());
  }

  @Override
  public List<WebhookSubscription> subscriptions(String project) {
    return sql.call(
        "list the webhooks of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM webhook_subscriptions WHERE project = :project"
                        + " ORDER BY created_at, id")
                .bind("project", project)
                .map((rs, ctx) -> subscription(rs))
                .list());
  }

  @Override
  public boolean updateSubscription(WebhookSubscription s) {
    return sql.call(
        "update webhook " + s.id() + " of project " + s.project(),
        h ->
            bind(
                        h.createUpdate(
                            "UPDATE webhook_subscriptions SET url = :url, events = :events,"
                                + " enabled = :enabled, secret_key_id = :keyId,"
                                + " secret_nonce = :nonce, secret_ciphertext = :ciphertext,"
                                + " previous_secret_key_id = :previousKeyId,"
                                + " previous_secret_nonce = :previousNonce,"
                                + " previous_secret_ciphertext = :previousCiphertext,"
                                + " previous_secret_until = :previousUntil,"
                                + " updated_at = :updatedAt, updated_by = :updatedBy"
                                + " WHERE id = :id AND project = :project"),
                        s)
                    .execute()
                > 0);
  }

  @Override
  public boolean deleteSubscription(String project, String id) {
    return sql.call(
        "remove webhook " + id + " of project " + project,
        h -> {
          h.createUpdate("DELETE FROM webhook_deliveries WHERE subscription_id = :id")
              .bind("id", id)
              .execute();
          return h.createUpdate(
                      "DELETE FROM webhook_subscriptions WHERE id = :id AND project = :project")
                  .bind("id", id)
                  .bind("project", project)
                  .execute()
              > 0;
        });
  }

  @Override
  public void enqueue(WebhookDelivery delivery) {
    deliveries.insert(delivery);
  }

  @Override
  public Optional<WebhookDelivery> findDelivery(String project, String id) {
    return deliveries.find(project, id);
  }

  @Override
  public List<WebhookDelivery> deliveries(
      String project, String subscriptionId, String before, int limit) {
    return deliveries.page(project, subscriptionId, before, limit);
  }

  @Override
  public Optional<WebhookDelivery> claim(String worker, Instant now, Duration lease) {
    Objects.requireNonNull(worker, "worker");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("a lease must be positive: " + lease);
    }
    return deliveries.claim(worker, now, now.plus(lease));
  }

  @Override
  public boolean record(String id, String worker, WebhookDelivery.Outcome outcome) {
    return deliveries.record(id, worker, outcome);
  }

  @Override
  public boolean release(String id, String worker) {
    return deliveries.release(id, worker);
  }

  @Override
  public boolean requeue(String project, String id, Instant now) {
    return deliveries.requeue(project, id, now);
  }

  @Override
  public int prune(Instant before) {
    return deliveries.prune(before);
  }

  private static <S extends SqlStatement<S>> S bind(S statement, WebhookSubscription s) {
    var previous = s.previous();
    return SecretColumns.bind(
            SecretColumns.bind(statement, s.secret()),
            "previous",
            previous == null ? null : previous.secret())
        .bind("previousUntil", Sql.millisOrNull(previous == null ? null : previous.until()))
        .bind("id", s.id())
        .bind("project", s.project())
        .bind("url", s.url())
        .bind("events", Json.write(Json.mapper().valueToTree(s.events())))
        .bind("enabled", EvalRows.flag(s.enabled()))
        .bind("createdAt", Sql.millis(s.createdAt()))
        .bind("createdBy", s.createdBy())
        .bind("updatedAt", Sql.millis(s.updatedAt()))
        .bind("updatedBy", s.updatedBy());
  }

  private static WebhookSubscription.Previous previous(ResultSet rs) throws SQLException {
    var sealed = SecretColumns.read(rs, "previous");
    return sealed == null
        ? null
        : new WebhookSubscription.Previous(sealed, Sql.instant(rs, "previous_secret_until"));
  }

  private static WebhookSubscription subscription(ResultSet rs) throws SQLException {
    return new WebhookSubscription(
        rs.getString("id"),
        rs.getString("project"),
        rs.getString("url"),
        Json.mapper().convertValue(Json.parseTrusted(rs.getString("events")), EVENTS),
        rs.getInt("enabled") != 0,
        SecretColumns.read(rs),
        previous(rs),
        Sql.instant(rs, "created_at"),
        rs.getString("created_by"),
        Sql.instant(rs, "updated_at"),
        rs.getString("updated_by"));
  }
}
