package dev.promptops.core.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.NotFoundException;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.store.Store;
import dev.promptops.core.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one entry point for the providers of a project and their credentials. Secrets are encrypted
 * with the server's {@link MasterKey} before they reach storage ({@link SecretBox}), never returned
 * (list and get show whether one is stored and the id of its key), and never audited: the audit
 * entry says whether the secret changed. Execution finds providers through {@link #resolve}, which
 * decrypts in memory and falls back to environment variables.
 */
public final class ProviderAccounts implements ProviderDirectory {
  /** Longest API key accepted. */
  public static final int MAX_SECRET_LENGTH = 8192;

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;
  private final SecretBox box;
  private final EnvironmentProviders environment;

  /**
   * @param environment the server's environment variables: fallbacks for well-known providers and
   *     {@code PROMPTOPS_PROVIDER_<NAME>_API_KEY} for configured providers without a stored secret
   */
  public ProviderAccounts(
      Store store, AuditLog audit, Clock clock, MasterKey key, Map<String, String> environment) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.box = new SecretBox(key);
    this.environment = new EnvironmentProviders(environment);
  }

  /**
   * Adds or changes a provider of a project (project admins).
   *
   * @param apiKey the new secret, or null to keep the stored one (if any)
   */
  public ProviderInfo set(Principal who, String project, ProviderSettings settings, String apiKey) {
    Names.project(project);
    who.require(project, Permission.ADMIN);
    String secret = checkSecret(apiKey);
    SecretBox.Sealed sealed = secret == null ? null : box.seal(secret, project, settings.name());
    Instant now = now();
    return store.write(
        tx -> {
          requireProject(tx, project);
          Optional<ProviderRecord> existing = tx.providers().find(project, settings.name());
          if (sealed == null && existing.map(e -> e.settings().equals(settings)).orElse(false)) {
            return existing.get().info();
          }
          var record =
              new ProviderRecord(
                  project,
                  settings,
                  sealed != null ? sealed : existing.map(ProviderRecord::secret).orElse(null),
                  now,
                  who.name());
          tx.providers().put(record);
          ObjectNode details = describe(settings);
          details.put("created", existing.isEmpty());
          details.put("secretChanged", sealed != null);
          audit.append(tx, now, who.name(), "provider.set", project, settings.name(), details);
          return record.info();
        });
  }

  /** The providers of a project, by name; never their secrets. */
  public List<ProviderInfo> list(Principal who, String project) {
    Names.project(project);
    who.require(project, Permission.READ);
    return store.read(
        tx -> {
          requireProject(tx, project);
          return tx.providers().list(project).stream().map(ProviderRecord::info).toList();
        });
  }

  /** One provider of a project; never its secret. */
  public ProviderInfo get(Principal who, String project, String name) {
    Names.project(project);
    who.require(project, Permission.READ);
    Names.provider(name);
    return store.read(tx -> require(tx, project, name).info());
  }

  /** Removes a provider and its secret (project admins); returns what was removed. */
  public ProviderInfo remove(Principal who, String project, String name) {
    Names.project(project);
    who.require(project, Permission.ADMIN);
    Names.provider(name);
    Instant now = now();
    return store.write(
        tx -> {
          ProviderRecord record = require(tx, project, name);
          tx.providers().delete(project, name);
          ObjectNode details = describe(record.settings());
          details.put("hadSecret", record.secret() != null);
          audit.append(tx, now, who.name(), "provider.remove", project, name, details);
          return record.info();
        });
  }

  /**
   * The provider {@code name} of {@code project} for execution, with its secret decrypted in
   * memory: the stored secret, else {@code PROMPTOPS_PROVIDER_<NAME>_API_KEY}. A project without a
   * provider of that name gets the well-known providers from the environment ({@code
   * OPENAI_API_KEY} …). No permission check: the caller has checked what the request may run.
   */
  @Override
  public ProviderConfig resolve(String project, String name) {
    Names.provider(name);
    Optional<ProviderRecord> found = store.read(tx -> tx.providers().find(project, name));
    if (found.isEmpty()) {
      return environment.resolve(project, name);
    }
    ProviderRecord record = found.get();
    // A server-wide key from the environment only ever goes to the provider's public endpoint:
    // a project admin chooses base URLs, and must not be able to point one at a server of their
    // own and receive the operator's key. A custom endpoint needs its key stored.
    String key =
        record.secret() != null
            ? box.open(record.secret(), project, name)
            : record.settings().baseUrl() == null ? environment.apiKeyFor(name) : null;
    if (key == null && needsKey(record.settings())) {
      throw new NotFoundException(
          "provider_key_not_found",
          "provider '"
              + name
              + "' of project '"
              + project
              + "' has no API key: none is stored and "
              + ProviderSettings.apiKeyVariable(name)
              + " is not set on the server",
          "store one: promptops provider add "
              + name
              + " --type "
              + record.settings().type().wireName()
              + " --api-key-env VAR (or --api-key-stdin)");
    }
    return record.settings().config(key);
  }

  /** The id of the master key new secrets are encrypted with. */
  public String keyId() {
    return box.keyId();
  }

  /**
   * Providers whose stored secret was encrypted with another master key than this server's: they
   * cannot be used until the server runs with that key or their API keys are set again.
   */
  public List<ProviderInfo> unreadable() {
    return store.read(tx -> tx.providers().listAll()).stream()
        .filter(p -> p.secret() != null && !p.secret().keyId().equals(box.keyId()))
        .map(ProviderRecord::info)
        .toList();
  }

  /** The ids of the master keys the stored secrets were encrypted with (for starting a server). */
  public static Set<String> storedKeyIds(Store store) {
    var ids = new TreeSet<String>();
    for (ProviderRecord p : store.read(tx -> tx.providers().listAll())) {
      if (p.secret() != null) {
        ids.add(p.secret().keyId());
      }
    }
    return ids;
  }

  /** Public endpoints always want a key; a custom endpoint may not (a local server). */
  private static boolean needsKey(ProviderSettings s) {
    return switch (s.type()) {
      case OPENAI, ANTHROPIC, GEMINI -> s.baseUrl() == null;
      case AZURE_OPENAI -> true;
      case OPENAI_COMPATIBLE, OLLAMA -> false;
    };
  }

  private static String checkSecret(String apiKey) {
    if (apiKey == null) {
      return null;
    }
    String s = apiKey.strip();
    if (s.isEmpty()) {
      throw new InvalidInputException(
          "empty_api_key",
          "the API key is empty",
          "send the key, or leave 'apiKey' out to keep the one stored");
    }
    if (s.length() > MAX_SECRET_LENGTH || s.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new InvalidInputException(
          "invalid_api_key",
          "the API key is longer than "
              + MAX_SECRET_LENGTH
              + " characters or contains spaces or control characters",
          "send the key alone, on one line, as the provider issued it");
    }
    return s;
  }

  private static void requireProject(Tx tx, String project) {
    if (tx.projects().find(project).isEmpty()) {
      throw new NotFoundException(
          "project_not_found",
          "no project named '" + project + "'",
          "list projects with `promptops projects`");
    }
  }

  private static ProviderRecord require(Tx tx, String project, String name) {
    requireProject(tx, project);
    return tx.providers()
        .find(project, name)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "provider_not_found",
                    "no provider '" + name + "' in project '" + project + "'",
                    "list them with `promptops provider list`"));
  }

  /** The audit details of a provider: its settings, never its secret. */
  private static ObjectNode describe(ProviderSettings s) {
    ObjectNode d = Json.object();
    d.put("name", s.name());
    d.put("type", s.type().wireName());
    d.put("baseUrl", s.baseUrl());
    ObjectNode options = d.putObject("options");
    s.options().forEach(options::put);
    d.put("timeoutSeconds", s.timeout().toSeconds());
    d.put("maxRetries", s.maxRetries());
    d.put("maxConcurrent", s.maxConcurrent());
    d.put("requestsPerMinute", s.requestsPerMinute());
    return d;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
