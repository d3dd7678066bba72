package dev.promptops.store;

import dev.promptops.core.provider.UsageEvent;
import dev.promptops.core.store.UsageRepository;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Usage events, appended in batches. Ids are assigned here, above the highest so far (write
 * transactions are serialised). Costs are stored as exact decimal text.
 */
final class UsageRows implements UsageRepository {
  private static final String COLUMNS =
      "id, created_at, project, prompt, version, digest, environment, source, provider, model,"
          + " input_tokens, output_tokens, cost, latency_ms, outcome, attempts";

  private final Sql sql;

  UsageRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void append(List<UsageEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    sql.call(
        "append " + events.size() + " usage events",
        h -> {
          long id =
              h.createQuery("SELECT COALESCE(MAX(id), 0) FROM usage_events")
                  .mapTo(Long.class)
                  .one();
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO usage_events ("
                      + COLUMNS
                      + ") VALUES (:id, :at, :project, :prompt, :version, :digest, :environment,"
                      + " :source, :provider, :model, :input, :output, :cost, :latency, :outcome,"
                      + " :attempts)");
          for (UsageEvent e : events) {
            batch
                .bind("id", ++id)
                .bind("at", Sql.millis(e.at()))
                .bind("project", e.project())
                .bind("prompt", e.prompt())
                .bind("version", e.version())
                .bind("digest", e.digest())
                .bind("environment", e.environment())
                .bind("source", e.source())
                .bind("provider", e.provider())
                .bind("model", e.model())
                .bind("input", e.inputTokens())
                .bind("output", e.outputTokens())
                .bind("cost", e.cost() == null ? null : e.cost().toPlainString())
                .bind("latency", e.latencyMillis())
                .bind("outcome", e.outcome())
                .bind("attempts", e.attempts())
                .add();
          }
          return batch.execute();
        });
  }

  @Override
  public List<UsageEvent> since(String project, Instant since, int limit) {
    return sql.call(
        "read the usage events of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM usage_events WHERE project = :project AND created_at >= :since"
                        + " ORDER BY id LIMIT :limit")
                .bind("project", project)
                .bind("since", Sql.millis(since))
                .bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  private static UsageEvent row(ResultSet rs) throws SQLException {
    String cost = rs.getString("cost");
    return new UsageEvent(
        Sql.instant(rs, "created_at"),
        rs.getString("project"),
        rs.getString("prompt"),
        rs.getInt("version"),
        rs.getString("digest"),
        rs.getString("environment"),
        rs.getString("source"),
        rs.getString("provider"),
        rs.getString("model"),
        rs.getLong("input_tokens"),
        rs.getLong("output_tokens"),
        cost == null ? null : new BigDecimal(cost),
        rs.getLong("latency_ms"),
        rs.getString("outcome"),
        rs.getInt("attempts"));
  }
}
