package dev.promptops.core.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored API key: never the secret itself, only its SHA-256.
 *
 * @param roles the role per project; the project {@value #ALL_PROJECTS} means every project, and an
 *     admin role there makes the key a server administrator
 * @param revokedAt when the key was revoked, or null while it is active
 */
public record ApiKeyRecord(
    String id,
    String name,
    String secretHash,
    Map<String, Role> roles,
    Instant createdAt,
    String createdBy,
    Instant revokedAt) {

  public static final String ALL_PROJECTS = "*";

  public ApiKeyRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secretHash, "secretHash");
    roles = Map.copyOf(roles);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }

  public boolean active() {
    return revokedAt == null;
  }

  public Principal principal() {
    return new Principal(id, name, roles);
  }
}
