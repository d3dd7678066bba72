package dev.promptops.core.store;

import dev.promptops.core.auth.ApiKeyRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys: ids, names, roles and hashes of secrets. */
public interface KeyRepository {
  void insert(ApiKeyRecord key);

  Optional<ApiKeyRecord> find(String id);

  Optional<ApiKeyRecord> findBySecretHash(String secretHash);

  Optional<ApiKeyRecord> findByName(String name);

  /** All keys, revoked ones included, by name. */
  List<ApiKeyRecord> list();

  void revoke(String id, Instant at);

  long countActive();
}
