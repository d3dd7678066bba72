package dev.promptops.store;

import dev.promptops.core.webhook.DeliveryStatus;
import dev.promptops.core.webhook.WebhookDelivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The deliveries of webhooks: queued, claimed under a lease, recorded attempt by attempt. */
final class WebhookDeliveryRows {
  private static final String COLUMNS =
      "id, subscription_id, project, event, audit_seq, body, status, attempts, next_attempt_at,"
          + " last_status_code, last_error, created_at, last_attempt_at, delivered_at";

  /** Pending and due, or delivering under an expired lease (its worker died). */
  private static final String CLAIMABLE =
      "((status = 'pending' AND next_attempt_at <= :now)"
          + " OR (status = 'delivering' AND lease_until <= :now))";

  private final Sql sql;
  private final Dialect dialect;

  WebhookDeliveryRows(Sql sql, Dialect dialect) {
    this.sql = sql;
    this.dialect = dialect;
  }

  void insert(WebhookDelivery d) {
    sql.call(
        "queue delivery " + d.id() + " of webhook " + d.subscriptionId(),
        h ->
            h.createUpdate(
                    "INSERT INTO webhook_deliveries ("
                        + COLUMNS
                        + ", seq) VALUES (:id, :subscription, :project, :event, :auditSeq, :body,"
                        + " :status, :attempts, :nextAttemptAt, :code, :error, :createdAt,"
                        + " :lastAttemptAt, :deliveredAt,"
                        + " (SELECT COALESCE(MAX(seq), 0) + 1 FROM webhook_deliveries))")
                .bind("id", d.id())
                .bind("subscription", d.subscriptionId())
                .bind("project", d.project())
                .bind("event", d.event())
                .bind("auditSeq", d.auditSeq())
                .bind("body", d.body())
                .bind("status", d.status().wireName())
                .bind("attempts", d.attempts())
                .bind("nextAttemptAt", Sql.millisOrNull(d.nextAttemptAt()))
                .bind("code", d.lastStatusCode())
                .bind("error", d.lastError())
                .bind("createdAt", Sql.millis(d.createdAt()))
                .bind("lastAttemptAt", Sql.millisOrNull(d.lastAttemptAt()))
                .bind("deliveredAt", Sql.millisOrNull(d.deliveredAt()))
                .execute());
  }

  Optional<WebhookDelivery> find(String project, String id) {
    return sql.call(
        "find webhook delivery " + id + " of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM webhook_deliveries WHERE id = :id AND project = :project")
                .bind("id", id)
                .bind("project", project)
                .map((rs, ctx) -> delivery(rs))
                .findOne());
  }

  /** Newest first (by the order they were queued), after {@code before} when it is given. */
  List<WebhookDelivery> page(String project, String subscriptionId, String before, int limit) {
    return sql.call(
        "list the deliveries of webhook " + subscriptionId,
        h -> {
          var query =
              h.createQuery(
                      "SELECT "
                          + COLUMNS
                          + " FROM webhook_deliveries"
                          + " WHERE project = :project AND subscription_id = :subscription"
                          + (before == null
                              ? ""
                              : " AND seq < (SELECT seq FROM webhook_deliveries WHERE id = :before)")
                          + " ORDER BY seq DESC LIMIT :limit")
                  .bind("project", project)
                  .bind("subscription", subscriptionId)
                  .bind("limit", limit);
          if (before != null) {
            query.bind("before", before);
          }
          return query.map((rs, ctx) -> delivery(rs)).list();
        });
  }

  Optional<WebhookDelivery> claim(String worker, Instant now, Instant until) {
    return sql.call(
        "claim a webhook delivery for worker " + worker,
        h -> {
          Optional<String> id =
              h.createQuery(
                      "SELECT id FROM webhook_deliveries WHERE "
                          + CLAIMABLE
                          + " ORDER BY next_attempt_at, seq LIMIT 1"
                          + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : ""))
                  .bind("now", Sql.millis(now))
                  .mapTo(String.class)
                  .findOne();
          return id.filter(d -> take(h, d, worker, now, until)).map(d -> findAnywhere(h, d));
        });
  }

  boolean record(String id, String worker, WebhookDelivery.Outcome o) {
    return sql.call(
        "record an attempt of webhook delivery " + id,
        h ->
            h.createUpdate(
                        "UPDATE webhook_deliveries SET status = :status,"
                            + " attempts = attempts + 1, next_attempt_at = :next,"
                            + " last_status_code = :code, last_error = :error,"
                            + " last_attempt_at = :at, delivered_at = :deliveredAt,"
                            + " lease_owner = NULL, lease_until = NULL"
                            + " WHERE id = :id AND lease_owner = :worker"
                            + " AND status = 'delivering'")
                    .bind("status", o.status().wireName())
                    .bind("next", Sql.millisOrNull(o.nextAttemptAt()))
                    .bind("code", o.statusCode())
                    .bind("error", o.error())
                    .bind("at", Sql.millis(o.at()))
                    .bind(
                        "deliveredAt",
                        o.status() == DeliveryStatus.DELIVERED ? Sql.millis(o.at()) : null)
                    .bind("id", id)
                    .bind("worker", worker)
                    .execute()
                == 1);
  }

  boolean release(String id, String worker) {
    return sql.call(
        "hand back webhook delivery " + id,
        h ->
            h.createUpdate(
                        "UPDATE webhook_deliveries SET status = 'pending', lease_owner = NULL,"
                            + " lease_until = NULL WHERE id = :id AND lease_owner = :worker"
                            + " AND status = 'delivering'")
                    .bind("id", id)
                    .bind("worker", worker)
                    .execute()
                == 1);
  }

  boolean requeue(String project, String id, Instant now) {
    return sql.call(
        "queue webhook delivery " + id + " again",
        h ->
            h.createUpdate(
                        "UPDATE webhook_deliveries SET status = 'pending', attempts = 0,"
                            + " next_attempt_at = :now, delivered_at = NULL"
                            + " WHERE id = :id AND project = :project AND status <> 'delivering'")
                    .bind("now", Sql.millis(now))
                    .bind("id", id)
                    .bind("project", project)
                    .execute()
                == 1);
  }

  int prune(Instant before) {
    return sql.call(
        "remove the webhook deliveries that ended before " + before,
        h ->
            h.createUpdate(
                    "DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'failed')"
                        + " AND created_at < :before")
                .bind("before", Sql.millis(before))
                .execute());
  }

  private static boolean take(Handle h, String id, String worker, Instant now, Instant until) {
    return h.createUpdate(
                "UPDATE webhook_deliveries SET status = 'delivering', lease_owner = :worker,"
                    + " lease_until = :until WHERE id = :id AND "
                    + CLAIMABLE)
            .bind("worker", worker)
            .bind("until", Sql.millis(until))
            .bind("now", Sql.millis(now))
            .bind("id", id)
            .execute()
        == 1;
  }

  private static WebhookDelivery findAnywhere(Handle h, String id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> delivery(rs))
        .one();
  }

  private static WebhookDelivery delivery(ResultSet rs) throws SQLException {
    long seq = rs.getLong("audit_seq");
    Long auditSeq = rs.wasNull() ? null : seq;
    return new WebhookDelivery(
        rs.getString("id"),
        rs.getString("subscription_id"),
        rs.getString("project"),
        rs.getString("event"),
        auditSeq,
        rs.getString("body"),
        DeliveryStatus.of(rs.getString("status")),
        rs.getInt("attempts"),
        Sql.instantOrNull(rs, "next_attempt_at"),
        Sql.intOrNull(rs, "last_status_code"),
        rs.getString("last_error"),
        Sql.instant(rs, "created_at"),
        Sql.instantOrNull(rs, "last_attempt_at"),
        Sql.instantOrNull(rs, "delivered_at"));
  }
}
