package dev.promptops.server.console;

import dev.promptops.core.auth.ApiKeyRecord;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.policy.PolicyJson;
import dev.promptops.core.policy.StoredPolicy;
import dev.promptops.core.provider.ProviderInfo;
import dev.promptops.core.registry.Project;
import dev.promptops.core.webhook.WebhookDelivery;
import dev.promptops.core.webhook.WebhookInfo;
import dev.promptops.server.api.Services;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings page: per project its environments and policy, its providers (never a secret: only
 * whether one is stored), and for its admins its webhooks with their recent deliveries; for server
 * administrators the API keys, which they create and revoke here ({@code created} holds a new key's
 * secret, shown this once).
 */
public record SettingsPage(
    List<ProjectSettings> projects, List<ApiKeyRecord> keys, boolean serverAdmin, Created created) {

  static final int DELIVERIES = 10;

  /**
   * A key or a webhook just created: what it is ({@code Key ci-bot}, {@code Webhook https://…}) and
   * its secret, which is not shown again (a key's is not even stored).
   */
  public record Created(String what, String secret) {}

  public record ProjectSettings(
      String name,
      List<String> environments,
      StoredPolicy policy,
      String policyJson,
      List<ProviderInfo> providers,
      boolean admin,
      List<Hook> webhooks) {}

  public record Hook(WebhookInfo webhook, List<WebhookDelivery> deliveries) {}

  static SettingsPage of(Services services, Principal who, Created created) {
    var projects = new ArrayList<ProjectSettings>();
    for (Project p : services.projects().list(who)) {
      StoredPolicy policy = services.policies().current(who, p.name());
      boolean admin = who.can(p.name(), Permission.ADMIN);
      var hooks = new ArrayList<Hook>();
      if (admin) {
        for (WebhookInfo w : services.webhooks().list(who, p.name())) {
          hooks.add(
              new Hook(w, services.webhooks().deliveries(who, p.name(), w.id(), null, DELIVERIES)));
        }
      }
      projects.add(
          new ProjectSettings(
              p.name(),
              p.environments(),
              policy,
              PolicyJson.write(policy.policy()).toPrettyString(),
              services.providers().list(who, p.name()),
              admin,
              hooks));
    }
    boolean serverAdmin = who.isServerAdmin();
    List<ApiKeyRecord> keys = serverAdmin ? services.keys().list(who) : List.of();
    return new SettingsPage(projects, keys, serverAdmin, created);
  }
}
