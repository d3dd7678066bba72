package dev.promptops.server.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-in sessions, in this server's memory. A session is known by a random token
 * (the cookie's value) and holds the hash of the API key it was opened with, never the key, plus
 * its own CSRF token. Every request checks the key again, so a revoked key ends its sessions at
 * once. A session ends when signed out, after {@link #IDLE} without a request, or {@link #MAX_AGE}
 * after sign-in. At most {@link #MAX_SESSIONS} are kept; beyond that the least recently used ends.
 */
final class ConsoleSessions {
  static final Duration IDLE = Duration.ofHours(8);
  static final Duration MAX_AGE = Duration.ofHours(24);
  static final int MAX_SESSIONS = 10_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A session: the key's secret hash, its CSRF token, when it began and was last used. */
  record Session(String token, String keyHash, String csrf, Instant started, Instant lastSeen) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  ConsoleSessions(Clock clock) {
    this.clock = clock;
  }

  /** Opens a session for the key with this secret hash. */
  Session open(String keyHash) {
    if (sessions.size() >= MAX_SESSIONS) {
      prune();
      sessions.values().stream()
          .min(Comparator.comparing(Session::lastSeen))
          .ifPresent(oldest -> sessions.remove(oldest.token()));
    }
    Instant now = clock.instant();
    var session = new Session(token(), keyHash, token(), now, now);
    sessions.put(session.token(), session);
    return session;
  }

  /** The live session of this token, touched; empty when there is none or it expired. */
  Optional<Session> find(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session s = sessions.get(token);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(s, now)) {
      sessions.remove(token);
      return Optional.empty();
    }
    Session touched = new Session(s.token(), s.keyHash(), s.csrf(), s.started(), now);
    sessions.put(token, touched);
    return Optional.of(touched);
  }

  void close(String token) {
    if (token != null) {
      sessions.remove(token);
    }
  }

  /** Ends the expired sessions. */
  void prune() {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> expired(s, now));
  }

  int size() {
    return sessions.size();
  }

  private static boolean expired(Session s, Instant now) {
    return s.lastSeen().plus(IDLE).isBefore(now) || s.started().plus(MAX_AGE).isBefore(now);
  }

  /** 32 random bytes, URL-safe. */
  static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
