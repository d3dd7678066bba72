package dev.promptops.server.console;

import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.store.ConsoleSessionRepository.StoredSession;
import dev.promptops.core.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's sign-in sessions, in the database so that every server instance behind a load
 * balancer knows them (a request may land on any). A session is known by a random token (the
 * cookie's value), of which only the SHA-256 is stored; it holds the hash of the API key it was
 * opened with, never the key, plus its own CSRF token. Every request checks the key again, so a
 * revoked key ends its sessions at once. A session ends when signed out, after {@link #IDLE}
 * without a request, or {@link #MAX_AGE} after sign-in. At most {@link #MAX_SESSIONS} are kept;
 * beyond that the least recently used ends; each sign-in removes the expired ones. Uses are
 * recorded at most every {@link #TOUCH_EVERY}, so browsing writes to the database once a minute,
 * not on every page.
 */
final class ConsoleSessions {
  static final Duration IDLE = Duration.ofHours(8);
  static final Duration MAX_AGE = Duration.ofHours(24);
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  static final int MAX_SESSIONS = 10_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A session: its token, the key's secret hash, its CSRF token, when it began and was used. */
  record Session(String token, String keyHash, String csrf, Instant started, Instant lastSeen) {}

  private final Store store;
  private final Clock clock;

  ConsoleSessions(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Opens a session for the key with this secret hash. */
  Session open(String keyHash) {
    Instant now = clock.instant();
    var session = new Session(token(), keyHash, token(), now, now);
    store.write(
        tx -> {
          var rows = tx.consoleSessions();
          rows.prune(now.minus(IDLE), now.minus(MAX_AGE));
          if (rows.count() >= MAX_SESSIONS) {
            rows.deleteOldest();
          }
          rows.insert(new StoredSession(hash(session.token()), keyHash, session.csrf(), now, now));
          return null;
        });
    return session;
  }

  /** The live session of this token, touched; empty when there is none or it expired. */
  Optional<Session> find(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    String tokenHash = hash(token);
    Optional<StoredSession> stored = store.read(tx -> tx.consoleSessions().find(tokenHash));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    StoredSession s = stored.get();
    Instant now = clock.instant();
    if (s.lastSeenAt().plus(IDLE).isBefore(now) || s.startedAt().plus(MAX_AGE).isBefore(now)) {
      close(token);
      return Optional.empty();
    }
    if (s.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
      store.write(
          tx -> {
            tx.consoleSessions().touch(tokenHash, now);
            return null;
          });
    }
    return Optional.of(new Session(token, s.keyHash(), s.csrf(), s.startedAt(), now));
  }

  void close(String token) {
    if (token != null) {
      String tokenHash = hash(token);
      store.write(
          tx -> {
            tx.consoleSessions().delete(tokenHash);
            return null;
          });
    }
  }

  /** Ends the expired sessions. */
  void prune() {
    Instant now = clock.instant();
    store.write(tx -> tx.consoleSessions().prune(now.minus(IDLE), now.minus(MAX_AGE)));
  }

  int size() {
    return store.read(tx -> tx.consoleSessions().count());
  }

  private static String hash(String token) {
    return ApiKeys.hash(token);
  }

  /** 32 random bytes, URL-safe. */
  static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
