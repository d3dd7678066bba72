package dev.promptops.server.api;

import static dev.promptops.server.http.Route.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.auth.Principal;
import dev.promptops.core.json.Json;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeMap;

/** Health, the OpenAPI description, and who the caller is. */
final class MetaRoutes {
  static final String OPENAPI_RESOURCE = "/dev/promptops/server/openapi.yaml";

  private MetaRoutes() {}

  static List<Route> routes(Services s) {
    JsonNode openapi = loadOpenApi();
    return List.of(
        get(
            "/healthz",
            new Access.Public(),
            "Liveness and storage check",
            call -> {
              s.store().read(tx -> tx.projects().find("healthz"));
              return Reply.ok(
                  Json.object().put("status", "ok").put("instance", s.cluster().instance()));
            }),
        get(
            "/metrics",
            new Access.Public(),
            "Metrics in the Prometheus text format",
            call -> {
              byte[] text = s.metrics().scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8);
              return Reply.stream(
                  dev.promptops.server.metrics.Metrics.CONTENT_TYPE,
                  out -> {
                    try {
                      out.write(text);
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  });
            }),
        get(
            "/api/v1/openapi.json",
            new Access.AnyKey(),
            "This API as OpenAPI 3.1",
            call -> Reply.ok(openapi)),
        get(
            "/api/v1/jobs",
            new Access.ServerAdmin(),
            "Periodic background jobs shared by every instance, and who ran them last",
            call -> Reply.ok(jobs(s))),
        get(
            "/api/v1/whoami",
            new Access.AnyKey(),
            "The calling key and its roles",
            call -> Reply.ok(whoami(call.principal()))));
  }

  private static ObjectNode jobs(Services s) {
    ObjectNode body = Json.object();
    body.put("instance", s.cluster().instance());
    var list = body.putArray("jobs");
    for (var j : s.store().read(tx -> tx.jobs().list())) {
      ObjectNode n = list.addObject();
      n.put("name", j.name());
      n.put("runs", j.runs());
      n.put("nextRunAt", j.nextRunAt().toString());
      n.put("leaseOwner", j.leaseOwner());
      n.put("leaseUntil", j.leaseUntil() == null ? null : j.leaseUntil().toString());
      n.put("lastOwner", j.lastOwner());
      n.put("lastStartedAt", j.lastStartedAt() == null ? null : j.lastStartedAt().toString());
      n.put("lastFinishedAt", j.lastFinishedAt() == null ? null : j.lastFinishedAt().toString());
      n.put("lastError", j.lastError());
    }
    return body;
  }

  private static ObjectNode whoami(Principal who) {
    ObjectNode n = Json.object();
    n.put("keyId", who.keyId());
    n.put("name", who.name());
    ObjectNode roles = n.putObject("roles");
    new TreeMap<>(who.roles()).forEach((p, r) -> roles.put(p, r.wireName()));
    n.put("serverAdmin", who.isServerAdmin());
    return n;
  }

  static JsonNode loadOpenApi() {
    try (InputStream in = MetaRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
      }
      return Json.yaml().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
