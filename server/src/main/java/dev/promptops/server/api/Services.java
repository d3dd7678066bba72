package dev.promptops.server.api;

import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.provider.MasterKey;
import dev.promptops.core.provider.ProviderAccounts;
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
    ProviderAccounts providers) {

  /**
   * @param masterKey encrypts and decrypts provider secrets
   * @param environment the server's environment variables, for provider fallbacks
   */
  public static Services create(
      Store store, Clock clock, MasterKey masterKey, Map<String, String> environment) {
    var audit = new AuditLog();
    return new Services(
        store,
        audit,
        new Projects(store, audit, clock),
        new PromptVersions(store, audit, clock),
        new Deployments(store, audit, clock),
        new Rendering(store),
        new Components(store),
        new ApiKeys(store, audit, clock),
        new ProviderAccounts(store, audit, clock, masterKey, environment));
  }
}
