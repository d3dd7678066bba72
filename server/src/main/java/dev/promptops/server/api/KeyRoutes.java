package dev.promptops.server.api;

import static dev.promptops.server.http.Route.delete;
import static dev.promptops.server.http.Route.get;
import static dev.promptops.server.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.json.Json;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Fields;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.util.List;

/** API keys: create (the secret is shown once), list, revoke. */
final class KeyRoutes {
  private KeyRoutes() {}

  static List<Route> routes(Services s) {
    return List.of(
        get(
            "/api/v1/keys",
            new Access.ServerAdmin(),
            "All API keys (never their secrets)",
            call -> {
              ObjectNode body = Json.object();
              body.set("keys", Wire.array(s.keys().list(call.principal()), Wire::key));
              return Reply.ok(body);
            }),
        post(
            "/api/v1/keys",
            new Access.ServerAdmin(),
            "Create an API key; the answer shows its secret once",
            call -> {
              ObjectNode body = call.json();
              JsonNode roles = body.get("roles");
              if (roles == null || !roles.isObject()) {
                throw Fields.missing("roles", "an object {\"project\": \"role\"}");
              }
              ApiKeys.Created created =
                  s.keys().create(call.principal(), Fields.text(body, "name"), Wire.roles(roles));
              ObjectNode out = Wire.key(created.key());
              out.put("secret", created.secret());
              return Reply.created(out);
            }),
        delete(
            "/api/v1/keys/{key}",
            new Access.ServerAdmin(),
            "Revoke an API key by id or name",
            call -> Reply.ok(Wire.key(s.keys().revoke(call.principal(), call.param("key"))))));
  }
}
