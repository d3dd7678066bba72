package dev.promptops.server.api;

import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.execution.Execution;
import dev.promptops.core.provider.MasterKey;
import dev.promptops.core.provider.PriceTable;
import dev.promptops.core.provider.ProviderAccounts;
import dev.promptops.core.provider.ProviderFactory;
import dev.promptops.core.provider.ResilientCalls;
import dev.promptops.core.provider.UsageSink;
import dev.promptops.core.registry.Components;
import dev.promptops.core.registry.Deployments;
import dev.promptops.core.registry.Projects;
import dev.promptops.core.registry.PromptVersions;
import dev.promptops.core.registry.Rendering;
import dev.promptops.core.store.Store;
import java.time.Clock;
import java.util.Map;

/**
 * The use cases the routes call, wired once by the server. There is one {@link Rendering}: it holds
 * the cache of compiled prompts. {@link ProviderAccounts} is also the server's {@link
 * dev.promptops.core.provider.ProviderDirectory}: it decrypts provider secrets with the master key.
 */
public record Services(
    Store store,
    AuditLog audit,
    Projects projects,
    PromptVersions versions,
    Deployments deployments,
    Rendering rendering,
    Components components,
    ApiKeys keys,
    ProviderAccounts providers,
    Execution execution) {

  /**
   * @param masterKey encrypts and decrypts provider secrets
   * @param environment the server's environment variables, for provider fallbacks
   * @param factory builds provider adapters
   * @param usage takes the usage event of every execution
   * @param prices prices executions
   */
  public static Services create(
      Store store,
      Clock clock,
      MasterKey masterKey,
      Map<String, String> environment,
      ProviderFactory factory,
      UsageSink usage,
      PriceTable prices) {
    var audit = new AuditLog();
    var rendering = new Rendering(store);
    var providers = new ProviderAccounts(store, audit, clock, masterKey, environment);
    return new Services(
        store,
        audit,
        new Projects(store, audit, clock),
        new PromptVersions(store, audit, clock),
        new Deployments(store, audit, clock),
        rendering,
        new Components(store),
        new ApiKeys(store, audit, clock),
        providers,
        new Execution(rendering, providers, factory, new ResilientCalls(), prices, usage, clock));
  }
}
