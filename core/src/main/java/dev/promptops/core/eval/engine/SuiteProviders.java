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
 * known by the provider part of its model; its key lives only in memory.
 */
public final class SuiteProviders implements ProviderDirectory {
  private final Map<String, ProviderConfig> own = new LinkedHashMap<>();
  private final ProviderDirectory fallback;

  public SuiteProviders(List<ProviderSpec> specs, ProviderDirectory fallback) {
    this.fallback = fallback;
    for (ProviderSpec spec : specs) {
      if (spec.type() == null) {
        continue;
      }
      String name = spec.model().provider();
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
    return config != null ? config : fallback.resolve(project, name);
  }
}
