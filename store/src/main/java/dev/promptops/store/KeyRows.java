package dev.promptops.store;

import dev.promptops.core.auth.ApiKeyRecord;
import dev.promptops.core.auth.Role;
import dev.promptops.core.store.KeyRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** API keys and their roles. Only hashes of secrets are stored. */
final class KeyRows implements KeyRepository {
  private static final String COLUMNS = "id, name, secret_hash, created_at, created_by, revoked_at";

  private final Sql sql;

  KeyRows(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void insert(ApiKeyRecord key) {
    sql.call(
        "insert API key " + key.name(),
        h -> {
          h.createUpdate(
                  "INSERT INTO api_keys ("
                      + COLUMNS
                      + ") VALUES (:id, :name, :secretHash, :createdAt, :createdBy, :revokedAt)")
              .bind("id", key.id())
              .bind("name", key.name())
              .bind("secretHash", key.secretHash())
              .bind("createdAt", Sql.millis(key.createdAt()))
              .bind("createdBy", key.createdBy())
              .bind("revokedAt", Sql.millisOrNull(key.revokedAt()))
              .execute();
          key.roles()
              .forEach(
                  (project, role) ->
                      h.createUpdate(
                              "INSERT INTO api_key_roles (key_id, project, role)"
                                  + " VALUES (:keyId, :project, :role)")
                          .bind("keyId", key.id())
                          .bind("project", project)
                          .bind("role", role.wireName())
                          .execute());
          return null;
        });
  }

  @Override
  public Optional<ApiKeyRecord> find(String id) {
    return findWhere("id", id, "find API key " + id);
  }

  @Override
  public Optional<ApiKeyRecord> findBySecretHash(String secretHash) {
    return findWhere("secret_hash", secretHash, "find an API key by the hash of its secret");
  }

  @Override
  public Optional<ApiKeyRecord> findByName(String name) {
    return findWhere("name", name, "find API key " + name);
  }

  @Override
  public List<ApiKeyRecord> list() {
    return sql.call(
        "list API keys",
        h -> {
          Map<String, Map<String, Role>> roles = new HashMap<>();
          h.createQuery("SELECT key_id, project, role FROM api_key_roles")
              .map(
                  (rs, ctx) ->
                      new Grant(
                          rs.getString("key_id"),
                          rs.getString("project"),
                          Role.parse(rs.getString("role"))))
              .forEach(
                  g ->
                      roles
                          .computeIfAbsent(g.keyId(), k -> new HashMap<>())
                          .put(g.project(), g.role()));
          return h
              .createQuery("SELECT " + COLUMNS + " FROM api_keys")
              .map((rs, ctx) -> row(rs))
              .list()
              .stream()
              .map(row -> row.key(roles.getOrDefault(row.id(), Map.of())))
              .sorted(Comparator.comparing(ApiKeyRecord::name))
              .toList();
        });
  }

  @Override
  public void revoke(String id, Instant at) {
    sql.call(
        "revoke API key " + id,
        h ->
            h.createUpdate(
                    "UPDATE api_keys SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id)
                .bind("at", Sql.millis(at))
                .execute());
  }

  @Override
  public long countActive() {
    return sql.call(
        "count active API keys",
        h ->
            h.createQuery("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL")
                .mapTo(Long.class)
                .one());
  }

  private Optional<ApiKeyRecord> findWhere(String column, String value, String operation) {
    return sql.call(
        operation,
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE " + column + " = :value")
                .bind("value", value)
                .map((rs, ctx) -> row(rs))
                .findOne()
                .map(row -> row.key(roles(h, row.id()))));
  }

  private static Map<String, Role> roles(Handle h, String keyId) {
    Map<String, Role> roles = new HashMap<>();
    h.createQuery("SELECT project, role FROM api_key_roles WHERE key_id = :keyId")
        .bind("keyId", keyId)
        .map((rs, ctx) -> Map.entry(rs.getString("project"), Role.parse(rs.getString("role"))))
        .forEach(e -> roles.put(e.getKey(), e.getValue()));
    return roles;
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("secret_hash"),
        Sql.instant(rs, "created_at"),
        rs.getString("created_by"),
        Sql.instantOrNull(rs, "revoked_at"));
  }

  private record Grant(String keyId, String project, Role role) {}

  private record Row(
      String id,
      String name,
      String secretHash,
      Instant createdAt,
      String createdBy,
      Instant revokedAt) {
    ApiKeyRecord key(Map<String, Role> roles) {
      return new ApiKeyRecord(id, name, secretHash, roles, createdAt, createdBy, revokedAt);
    }
  }
}
