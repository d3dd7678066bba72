package dev.promptops.core.eval.engine;

import dev.promptops.core.eval.ProviderSpec;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers a suite configures itself (promptfoo's {@code openai:chat:MODEL} with {@code
 * config.apiBaseUrl}), in front of those of the project or the environment. A suite provider is
 * known by the provider part of its model; its key lives only in memory. A suite's {@code
 * maxConcurrent} and {@code requestsPerMinute} replace the provider's limits for the run.
 */
public final class SuiteProviders implements ProviderDirectory {
  private final Map<String, ProviderConfig> own = new LinkedHashMap<>();
  private final Map<String, ProviderSpec> limits = new LinkedHashMap<>();
  private final ProviderDirectory fallback;

  public SuiteProviders(List<ProviderSpec> specs, ProviderDirectory fallback) {
    this.fallback = fallback;
    for (ProviderSpec spec : specs) {
      String name = spec.model().provider();
      if (spec.limited()) {
        ProviderSpec before = limits.putIfAbsent(name, spec);
        if (before != null
            && (before.maxConcurrent() != spec.maxConcurrent()
                || before.requestsPerMinute() != spec.requestsPerMinute())) {
          throw new dev.promptops.core.InvalidInputException(
              "conflicting_limits",
              "providers "
                  + before.id()
                  + " and "
                  + spec.id()
                  + " of the suite both run on provider '"
                  + name
                  + "' but set different limits",
              "the limits are the provider's, for every model on it: set them once, on one entry");
        }
      }
      if (spec.type() == null) {
        continue;
      }
      var config =
          new ProviderConfig(
              name,
              spec.type(),
              spec.baseUrl(),
              spec.apiKey(),
              spec.options(),
              null,
              ProviderConfig.DEFAULT_RETRIES,
              0,
              0);
      ProviderConfig before = own.putIfAbsent(name, config);
      if (before != null && !sameEndpoint(before, config)) {
        throw new dev.promptops.core.InvalidInputException(
            "conflicting_providers",
            "two providers of the suite are called '"
                + name
                + "' but differ in type, endpoint or key ("
                + before.baseUrl()
                + ", "
                + config.baseUrl()
                + ")",
            "give them model references with different provider names, e.g. "
                + name
                + "-a/MODEL and "
                + name
                + "-b/MODEL");
      }
    }
  }

  private static boolean sameEndpoint(ProviderConfig a, ProviderConfig b) {
    return a.type() == b.type()
        && java.util.Objects.equals(a.baseUrl(), b.baseUrl())
        && java.util.Objects.equals(a.apiKey(), b.apiKey())
        && a.options().equals(b.options());
  }

  @Override
  public ProviderConfig resolve(String project, String name) {
    ProviderConfig config = own.get(name);
    ProviderConfig found = config != null ? config : fallback.resolve(project, name);
    ProviderSpec limit = limits.get(name);
    return limit == null ? found : limited(found, limit);
  }

  private static ProviderConfig limited(ProviderConfig c, ProviderSpec limit) {
    return new ProviderConfig(
        c.name(),
        c.type(),
        c.baseUrl(),
        c.apiKey(),
        c.options(),
        c.timeout(),
        c.maxRetries(),
        limit.maxConcurrent() > 0 ? limit.maxConcurrent() : c.maxConcurrent(),
        limit.requestsPerMinute() > 0 ? limit.requestsPerMinute() : c.requestsPerMinute());
  }
}
