package dev.promptops.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Signed-in web console sessions, in the database so that every server instance behind a load
 * balancer knows them. Sessions are found by the SHA-256 of their token; the token itself is never
 * stored.
 */
public interface ConsoleSessionRepository {
  /** A session: the hash of its token, the API key's secret hash, its CSRF token and its times. */
  record StoredSession(
      String tokenHash, String keyHash, String csrf, Instant startedAt, Instant lastSeenAt) {}

  void insert(StoredSession session);

  Optional<StoredSession> find(String tokenHash);

  /** Records a use of the session. */
  void touch(String tokenHash, Instant at);

  void delete(String tokenHash);

  /** Removes sessions last used before {@code idleBefore} or begun before {@code startedBefore}. */
  int prune(Instant idleBefore, Instant startedBefore);

  int count();

  /** Removes the session used longest ago; false when there is none. */
  boolean deleteOldest();
}
