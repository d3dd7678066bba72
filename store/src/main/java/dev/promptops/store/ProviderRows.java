package dev.promptops.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.ProviderRecord;
import dev.promptops.core.provider.ProviderSettings;
import dev.promptops.core.provider.ProviderType;
import dev.promptops.core.store.ProviderRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The providers of each project: settings, and secrets only as ciphertext. */
final class ProviderRows implements ProviderRepository {
  private static final String COLUMNS =
      "project, name, type, base_url, options, timeout_ms, max_retries, max_concurrent,"
          + " requests_per_minute, secret_key_id, secret_nonce, secret_ciphertext, updated_at,"
          + " updated_by";
  private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {};

  private final Sql sql;

  ProviderRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<ProviderRecord> find(String project, String name) {
    return sql.call(
        "find provider " + name + " of project " + project,
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM providers WHERE project = :project AND name = :name")
                .bind("project", project)
                .bind("name", name)
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  @Override
  public List<ProviderRecord> list(String project) {
    return sql.call(
        "list the providers of project " + project,
        h ->
            sorted(
                h.createQuery("SELECT " + COLUMNS + " FROM providers WHERE project = :project")
                    .bind("project", project)
                    .map((rs, ctx) -> row(rs))
                    .list()));
  }

  @Override
  public List<ProviderRecord> listAll() {
    return sql.call(
        "list every provider",
        h ->
            sorted(
                h.createQuery("SELECT " + COLUMNS + " FROM providers")
                    .map((rs, ctx) -> row(rs))
                    .list()));
  }

  @Override
  public void put(ProviderRecord p) {
    ProviderSettings s = p.settings();
    sql.call(
        "store provider " + s.name() + " of project " + p.project(),
        h ->
            SecretColumns.bind(
                    h.createUpdate(
                        "INSERT INTO providers ("
                            + COLUMNS
                            + ") VALUES (:project, :name, :type, :baseUrl, :options, :timeoutMs,"
                            + " :maxRetries, :maxConcurrent, :rpm, :keyId, :nonce, :ciphertext,"
                            + " :updatedAt, :updatedBy)"
                            + " ON CONFLICT (project, name) DO UPDATE SET type = excluded.type,"
                            + " base_url = excluded.base_url, options = excluded.options,"
                            + " timeout_ms = excluded.timeout_ms, max_retries = excluded.max_retries,"
                            + " max_concurrent = excluded.max_concurrent,"
                            + " requests_per_minute = excluded.requests_per_minute,"
                            + " secret_key_id = excluded.secret_key_id,"
                            + " secret_nonce = excluded.secret_nonce,"
                            + " secret_ciphertext = excluded.secret_ciphertext,"
                            + " updated_at = excluded.updated_at, updated_by = excluded.updated_by"),
                    p.secret())
                .bind("project", p.project())
                .bind("name", s.name())
                .bind("type", s.type().wireName())
                .bind("baseUrl", s.baseUrl())
                .bind("options", Json.write(s.options()))
                .bind("timeoutMs", s.timeout().toMillis())
                .bind("maxRetries", s.maxRetries())
                .bind("maxConcurrent", s.maxConcurrent())
                .bind("rpm", s.requestsPerMinute())
                .bind("updatedAt", Sql.millis(p.updatedAt()))
                .bind("updatedBy", p.updatedBy())
                .execute());
  }

  @Override
  public boolean delete(String project, String name) {
    return sql.call(
        "remove provider " + name + " of project " + project,
        h ->
            h.createUpdate("DELETE FROM providers WHERE project = :project AND name = :name")
                    .bind("project", project)
                    .bind("name", name)
                    .execute()
                > 0);
  }

  private static List<ProviderRecord> sorted(List<ProviderRecord> rows) {
    return rows.stream()
        .sorted(Comparator.comparing(ProviderRecord::project).thenComparing(ProviderRecord::name))
        .toList();
  }

  private static ProviderRecord row(ResultSet rs) throws SQLException {
    var settings =
        new ProviderSettings(
            rs.getString("name"),
            ProviderType.parse(rs.getString("type")),
            rs.getString("base_url"),
            options(rs.getString("options")),
            Duration.ofMillis(rs.getLong("timeout_ms")),
            rs.getInt("max_retries"),
            rs.getInt("max_concurrent"),
            rs.getInt("requests_per_minute"));
    return new ProviderRecord(
        rs.getString("project"),
        settings,
        SecretColumns.read(rs),
        Sql.instant(rs, "updated_at"),
        rs.getString("updated_by"));
  }

  private static Map<String, String> options(String json) {
    return Json.mapper().convertValue(Json.parseTrusted(json), OPTIONS);
  }
}
