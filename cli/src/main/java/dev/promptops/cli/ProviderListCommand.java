package dev.promptops.cli;

import dev.promptops.core.json.Json;
import dev.promptops.core.provider.ProviderInfo;
import dev.promptops.core.provider.ProviderSettings;
import dev.promptops.core.wire.ProviderWire;
import dev.promptops.core.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the project's providers (never their API keys).")
final class ProviderListCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;
  @Mixin private ProjectOptions project;

  ProviderListCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String name = project.name();
    List<ProviderInfo> providers;
    try (var client = connection.client()) {
      providers = client.providers(name);
    }
    if (connection.json()) {
      var root = Json.object();
      root.set("providers", Wire.array(providers, ProviderWire::provider));
      ctx.json(root);
    } else if (providers.isEmpty()) {
      ctx.println(
          "no providers in project "
              + name
              + "; models fall back to the server's OPENAI_API_KEY, ANTHROPIC_API_KEY …;"
              + " add one with 'promptops provider add NAME --type TYPE --api-key-env VAR'");
    } else {
      var t = new Table("NAME", "TYPE", "ENDPOINT", "API KEY", "LIMITS");
      for (ProviderInfo p : providers) {
        ProviderSettings s = p.settings();
        t.row(s.name(), s.type().wireName(), endpoint(s), apiKey(p), limits(s));
      }
      t.print(ctx.out());
    }
    return ExitCodes.OK;
  }

  static String endpoint(ProviderSettings s) {
    return s.baseUrl() == null ? "(default)" : s.baseUrl();
  }

  /** Where the key comes from, never the key. */
  static String apiKey(ProviderInfo p) {
    return p.hasSecret()
        ? "stored (master key " + p.secretKeyId() + ")"
        : p.apiKeyVariable() == null ? "none" : "env " + p.apiKeyVariable();
  }

  static String limits(ProviderSettings s) {
    var parts = new ArrayList<String>();
    parts.add("timeout " + s.timeout().toSeconds() + "s");
    parts.add(s.maxRetries() + " retries");
    if (s.maxConcurrent() > 0) {
      parts.add(s.maxConcurrent() + " at once");
    }
    if (s.requestsPerMinute() > 0) {
      parts.add(s.requestsPerMinute() + "/min");
    }
    return String.join(", ", parts);
  }
}
