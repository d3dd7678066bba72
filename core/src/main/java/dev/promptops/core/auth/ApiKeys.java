package dev.promptops.core.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.AccessDeniedException;
import dev.promptops.core.ConflictException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.json.CanonicalJson;
import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.registry.RegistryCache;
import dev.promptops.core.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one entry point for API keys. A key is {@code po_} and 40 random base-62 characters; only its
 * SHA-256 is stored (a key has 238 bits of entropy, so a fast hash is enough), and its id is {@code
 * k_} and the first 12 hex characters of that hash.
 */
public final class ApiKeys {
  /** Shortest secret accepted from {@code PROMPTOPS_ADMIN_KEY}. */
  public static final int MIN_SECRET_LENGTH = 24;

  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final String SYSTEM = "system";

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final RegistryCache cache;

  public ApiKeys(Store store, AuditLog audit, Clock clock) {
    this(store, audit, clock, RegistryCache.off());
  }

  /**
   * With keys found kept in {@code cache}; revoking one (here or on another instance) drops them,
   * so a revoked key stops working as soon as the cache learns of the change.
   */
  public ApiKeys(Store store, AuditLog audit, Clock clock, RegistryCache cache) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.cache = cache;
  }

  private record KeyByHash(String secretHash) {}

  private Optional<ApiKeyRecord> findByHash(String secretHash) {
    return cache.get(
        store, new KeyByHash(secretHash), tx -> tx.keys().findBySecretHash(secretHash));
  }

  /** A key and, only at creation, its secret. */
  public record Created(ApiKeyRecord key, String secret) {}

  /**
   * On an empty database, creates the first server administrator key: from {@code presetSecret}
   * when given, else a random one. Returns empty when keys exist already.
   */
  public Optional<Created> bootstrap(String presetSecret) {
    String secret = presetSecret != null ? checkPreset(presetSecret) : generate();
    Instant now = now();
    return store.write(
        tx -> {
          if (!tx.keys().list().isEmpty()) {
            return Optional.empty();
          }
          var key =
              new ApiKeyRecord(
                  idOf(secret),
                  "admin",
                  hash(secret),
                  Map.of(ApiKeyRecord.ALL_PROJECTS, Role.ADMIN),
                  now,
                  SYSTEM,
                  null);
          tx.keys().insert(key);
          audit.append(tx, now, SYSTEM, "key.create", null, key.name(), describe(key));
          return Optional.of(new Created(key, secret));
        });
  }

  /** Creates a key with a role per project ({@code *} for every project). */
  public Created create(Principal who, String name, Map<String, Role> roles) {
    who.requireServerAdmin();
    checkName(name);
    var checked = checkRoles(roles);
    String secret = generate();
    Instant now = now();
    return store.write(
        tx -> {
          if (tx.keys().findByName(name).isPresent()) {
            throw new ConflictException(
                "key_exists",
                "an API key named '" + name + "' already exists",
                "pick another name: names stay taken after a key is revoked, so the audit trail stays clear",
                null);
          }
          for (String project : checked.keySet()) {
            if (!project.equals(ApiKeyRecord.ALL_PROJECTS)
                && tx.projects().find(project).isEmpty()) {
              throw new NotFoundException(
                  "project_not_found",
                  "no project named '" + project + "'",
                  "create the project before granting roles in it");
            }
          }
          var key =
              new ApiKeyRecord(idOf(secret), name, hash(secret), checked, now, who.name(), null);
          tx.keys().insert(key);
          audit.append(tx, now, who.name(), "key.create", null, name, describe(key));
          return new Created(key, secret);
        });
  }

  public List<ApiKeyRecord> list(Principal who) {
    who.requireServerAdmin();
    return store.read(tx -> tx.keys().list());
  }

  /** Revokes a key by id or name. The last active server administrator key cannot be revoked. */
  public ApiKeyRecord revoke(Principal who, String idOrName) {
    who.requireServerAdmin();
    Instant now = now();
    return store.write(
        tx -> {
          var key =
              tx.keys()
                  .find(idOrName)
                  .or(() -> tx.keys().findByName(idOrName))
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              "key_not_found",
                              "no API key with id or name '" + idOrName + "'",
                              "list keys with `promptops keys list`"));
          if (!key.active()) {
            return key;
          }
          long admins =
              tx.keys().list().stream()
                  .filter(k -> k.active() && k.principal().isServerAdmin())
                  .count();
          if (key.principal().isServerAdmin() && admins <= 1) {
            throw new ConflictException(
                "last_admin_key",
                "key '" + key.name() + "' is the last active server administrator key",
                "create another admin key ('*': admin) before revoking this one",
                null);
          }
          tx.keys().revoke(key.id(), now);
          audit.append(tx, now, who.name(), "key.revoke", null, key.name(), describe(key));
          return tx.keys().find(key.id()).orElseThrow();
        });
  }

  /** The principal of a presented secret; throws when it is unknown or revoked. */
  public Principal authenticate(String secret) {
    if (secret == null || secret.isBlank()) {
      throw AccessDeniedException.unauthenticated(
          "no API key given",
          "send 'Authorization: Bearer <key>' (CLI: --api-key or PROMPTOPS_API_KEY)");
    }
    var key = findByHash(hash(secret.strip()));
    if (key.isEmpty() || !key.get().active()) {
      throw AccessDeniedException.unauthenticated(
          key.isEmpty() ? "the API key is not valid" : "the API key was revoked",
          "check the key, or ask an admin for a new one");
    }
    return key.get().principal();
  }

  /**
   * The principal of a key known by its secret's hash (a console session keeps the hash, never the
   * secret); throws when the key is unknown or was revoked since, so revoking ends its sessions.
   */
  public Principal authenticateHash(String secretHash) {
    var key = findByHash(secretHash);
    if (key.isEmpty() || !key.get().active()) {
      throw AccessDeniedException.unauthenticated(
          key.isEmpty()
              ? "the API key of this session no longer exists"
              : "the API key was revoked",
          "sign in again with a valid key");
    }
    return key.get().principal();
  }

  public static String hash(String secret) {
    return CanonicalJson.sha256Hex(secret);
  }

  public static String idOf(String secret) {
    return "k_" + hash(secret).substring(0, 12);
  }

  private String generate() {
    var sb = new StringBuilder("po_");
    for (int i = 0; i < 40; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private static String checkPreset(String secret) {
    String s = secret.strip();
    if (s.length() < MIN_SECRET_LENGTH || s.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidInputException(
          "invalid_admin_key",
          "PROMPTOPS_ADMIN_KEY must be at least " + MIN_SECRET_LENGTH + " characters, no spaces",
          "use a long random value, e.g. `openssl rand -base64 32`");
    }
    return s;
  }

  private static void checkName(String name) {
    if (name == null || !KEY_NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "invalid_key_name",
          "not a valid key name: '" + name + "'",
          "use 1-64 letters, digits, '.', '_', '@' or '-', e.g. 'ci-bot' or 'alice@example.com'");
    }
  }

  private static Map<String, Role> checkRoles(Map<String, Role> roles) {
    if (roles == null || roles.isEmpty()) {
      throw new InvalidInputException(
          "missing_roles",
          "a key needs a role in at least one project",
          "grant one, e.g. --role support-bot=editor, or '*'=viewer for every project");
    }
    var checked = new TreeMap<String, Role>();
    roles.forEach(
        (project, role) -> {
          if (!project.equals(ApiKeyRecord.ALL_PROJECTS)) {
            Names.project(project);
          }
          checked.put(project, role);
        });
    return checked;
  }

  private static ObjectNode describe(ApiKeyRecord key) {
    ObjectNode details = Json.object();
    details.put("id", key.id());
    ObjectNode roles = details.putObject("roles");
    new TreeMap<>(key.roles()).forEach((p, r) -> roles.put(p, r.wireName()));
    return details;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
