package dev.promptops.server.api;

import static dev.promptops.server.http.Route.delete;
import static dev.promptops.server.http.Route.get;
import static dev.promptops.server.http.Route.patch;
import static dev.promptops.server.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.json.Json;
import dev.promptops.core.webhook.WebhookEvents;
import dev.promptops.core.webhook.Webhooks;
import dev.promptops.core.wire.WebhookWire;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Call;
import dev.promptops.server.http.Fields;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The webhooks of a project and their delivery log, for project admins only (a URL may carry a
 * token, a payload what changed). The signing secret is in the create and rotate answers, once.
 */
final class WebhookRoutes {
  static final String WEBHOOKS = ProjectRoutes.PROJECT + "/webhooks";
  static final String WEBHOOK = WEBHOOKS + "/{webhook}";
  static final String DELIVERIES = WEBHOOK + "/deliveries";
  static final Set<String> FIELDS = Set.of("url", "events", "enabled");
  static final Set<String> ROTATE = Set.of("keepPreviousSeconds");
  private static final int DEFAULT_PAGE = 20;

  private WebhookRoutes() {}

  static List<Route> routes(Services s) {
    Webhooks hooks = s.webhooks();
    Access admin = Access.project(Permission.ADMIN);
    return List.of(
        get(
            WEBHOOKS,
            admin,
            "The project's webhooks (never their secrets)",
            call -> {
              ObjectNode body = Json.object();
              body.set(
                  "webhooks",
                  Wire.array(hooks.list(call.principal(), project(call)), WebhookWire::webhook));
              return Reply.ok(body);
            }),
        post(
            WEBHOOKS,
            admin,
            "Subscribe a URL to events; the answer shows the signing secret once",
            call -> {
              ObjectNode body = Fields.only(call.json(), FIELDS, "webhook");
              var created =
                  hooks.create(
                      call.principal(),
                      project(call),
                      Fields.text(body, "url"),
                      events(body).orElse(List.of(WebhookEvents.ALL)),
                      enabled(body).orElse(true));
              return Reply.created(withSecret(created));
            }),
        get(
            WEBHOOK,
            admin,
            "One webhook (never its secret)",
            call ->
                Reply.ok(
                    WebhookWire.webhook(hooks.get(call.principal(), project(call), id(call))))),
        patch(
            WEBHOOK,
            admin,
            "Change a webhook's url, events or enabled; absent fields are kept",
            call -> {
              ObjectNode body = Fields.only(call.json(), FIELDS, "webhook");
              var changes =
                  new Webhooks.Changes(
                      Fields.optText(body, "url").orElse(null),
                      events(body).orElse(null),
                      enabled(body).orElse(null));
              return Reply.ok(
                  WebhookWire.webhook(
                      hooks.update(call.principal(), project(call), id(call), changes)));
            }),
        delete(
            WEBHOOK,
            admin,
            "Remove a webhook and its delivery log",
            call ->
                Reply.ok(
                    WebhookWire.webhook(hooks.delete(call.principal(), project(call), id(call))))),
        post(
            WEBHOOK + "/rotate-secret",
            admin,
            "Replace the signing secret; the answer shows the new one once",
            call -> {
              ObjectNode body =
                  Fields.only(call.optJson().orElse(Json.object()), ROTATE, "rotation");
              Duration keep =
                  Duration.ofSeconds(Fields.optInteger(body, "keepPreviousSeconds").orElse(0));
              return Reply.ok(
                  withSecret(hooks.rotate(call.principal(), project(call), id(call), keep)));
            }),
        post(
            WEBHOOK + "/ping",
            admin,
            "Queue a ping event to the webhook",
            call ->
                Reply.of(
                    202,
                    WebhookWire.delivery(
                        hooks.ping(call.principal(), project(call), id(call)), false))),
        get(
            DELIVERIES,
            admin,
            "The webhook's deliveries, newest first",
            call -> {
              var page =
                  hooks.deliveries(
                      call.principal(),
                      project(call),
                      id(call),
                      call.query("before").orElse(null),
                      call.queryInt("limit").orElse(DEFAULT_PAGE));
              ObjectNode body = Json.object();
              body.set("deliveries", Wire.array(page, d -> WebhookWire.delivery(d, false)));
              body.put(
                  "next",
                  page.size() < call.queryInt("limit").orElse(DEFAULT_PAGE)
                      ? null
                      : page.getLast().id());
              return Reply.ok(body);
            }),
        get(
            DELIVERIES + "/{delivery}",
            admin,
            "One delivery with its payload as sent",
            call ->
                Reply.ok(
                    WebhookWire.delivery(
                        hooks.delivery(
                            call.principal(), project(call), id(call), call.param("delivery")),
                        true))),
        post(
            DELIVERIES + "/{delivery}/redeliver",
            admin,
            "Send a delivery again: same id and payload, a fresh series of attempts",
            call ->
                Reply.of(
                    202,
                    WebhookWire.delivery(
                        hooks.redeliver(
                            call.principal(), project(call), id(call), call.param("delivery")),
                        false))));
  }

  private static ObjectNode withSecret(Webhooks.Created created) {
    ObjectNode out = WebhookWire.webhook(created.webhook());
    out.put("secret", created.secret());
    return out;
  }

  private static Optional<List<String>> events(ObjectNode body) {
    return body.hasNonNull("events")
        ? Optional.of(Fields.strings(body, "events"))
        : Optional.empty();
  }

  private static Optional<Boolean> enabled(ObjectNode body) {
    JsonNode v = body.get("enabled");
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw Fields.wrongType("enabled", "true or false", v);
    }
    return Optional.of(v.booleanValue());
  }

  private static String project(Call call) {
    return call.param("project");
  }

  private static String id(Call call) {
    return call.param("webhook");
  }
}
