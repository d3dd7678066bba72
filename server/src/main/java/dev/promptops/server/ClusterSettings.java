package dev.promptops.server;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.drift.DriftSettings;
import dev.promptops.core.eval.runs.EvalServices;
import dev.promptops.core.registry.RegistryCache;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How one server instance takes part among several on one database, from its environment:
 *
 * <ul>
 *   <li>{@value #INSTANCE_ENV}: its name in leases, job records and drift reports (default {@code
 *       server-PID@HOST-RANDOM}, new at each start);
 *   <li>{@value #CACHE_ENV}: how many resolutions and API keys it keeps in memory (default {@value
 *       RegistryCache#DEFAULT_CAPACITY}; 0 reads the database on every request);
 *   <li>{@value #RECHECK_ENV}: how often it re-reads the registry generation although no
 *       notification came (default 5s), the bound on staleness should a notification be lost;
 *   <li>{@value #EVAL_LEASE_ENV}: how long an evaluation run claimed by an instance that stops
 *       answering stays with it before another takes it over (default 30s; renewed every third of
 *       it while the run goes on).
 * </ul>
 */
public record ClusterSettings(
    String instance, int cacheEntries, Duration recheck, Duration evalLease) {
  public static final String INSTANCE_ENV = "PROMPTOPS_INSTANCE_ID";
  public static final String CACHE_ENV = "PROMPTOPS_REGISTRY_CACHE";
  public static final String RECHECK_ENV = "PROMPTOPS_REGISTRY_RECHECK";
  public static final String EVAL_LEASE_ENV = "PROMPTOPS_EVAL_LEASE";

  static final Duration DEFAULT_RECHECK = Duration.ofSeconds(5);
  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");

  /** The settings of {@code env}; refuses a malformed one, naming it and the fix. */
  public static ClusterSettings from(Map<String, String> env) {
    String instance = env.get(INSTANCE_ENV);
    if (instance == null || instance.isBlank()) {
      instance =
          "server-"
              + ProcessHandle.current().pid()
              + "@"
              + hostName()
              + "-"
              + UUID.randomUUID().toString().substring(0, 6);
    } else if (!INSTANCE.matcher(instance.strip()).matches()) {
      throw new InvalidInputException(
          "invalid_instance_id",
          INSTANCE_ENV + " is not a usable instance name: '" + instance + "'",
          "use letters, digits and . _ @ : - (at most 128), e.g. promptops-1; or leave it unset");
    } else {
      instance = instance.strip();
    }
    int entries = RegistryCache.DEFAULT_CAPACITY;
    String cache = env.get(CACHE_ENV);
    if (cache != null && !cache.isBlank()) {
      try {
        entries = Integer.parseInt(cache.strip());
      } catch (NumberFormatException e) {
        entries = -1;
      }
      if (entries < 0) {
        throw new InvalidInputException(
            "invalid_cache_setting",
            CACHE_ENV + " must be a whole number, 0 or more: '" + cache + "'",
            "e.g. " + CACHE_ENV + "=" + RegistryCache.DEFAULT_CAPACITY + "; 0 turns the cache off");
      }
    }
    return new ClusterSettings(
        instance,
        entries,
        duration(env, RECHECK_ENV, DEFAULT_RECHECK),
        duration(env, EVAL_LEASE_ENV, EvalServices.LEASE));
  }

  private static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    Duration d = DriftSettings.parse(value, name);
    if (d.toMillis() < 10) {
      throw new InvalidInputException(
          "invalid_duration",
          name + " is too short: '" + value + "'",
          "give at least 10ms, e.g. " + name + "=" + fallback.toSeconds() + "s");
    }
    return d;
  }

  static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }
}
