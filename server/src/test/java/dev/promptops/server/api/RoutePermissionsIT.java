package dev.promptops.server.api;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.server.TestServer;
import dev.promptops.server.TestServer.Resp;
import dev.promptops.server.http.Route;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route × every kind of caller. The expected matrix is written out here, independently of the
 * route table, and the test fails if a route is added without a row.
 */
class RoutePermissionsIT {
  /** Callers, in the column order of the matrix below. */
  enum Caller {
    NO_KEY,
    BAD_KEY,
    VIEWER,
    EDITOR,
    DEPLOYER,
    APPROVER,
    PROJECT_ADMIN,
    OTHER_PROJECT_ADMIN,
    SERVER_ADMIN
  }

  // y = allowed (any status but 401/403), 1 = 401, 3 = 403; columns in the order of Caller
  private static final Map<String, String> MATRIX = new LinkedHashMap<>();

  static {
    MATRIX.put("GET /healthz", "yyyyyyyyy");
    MATRIX.put("GET /metrics", "yyyyyyyyy");
    MATRIX.put("GET /api/v1/openapi.json", "11yyyyyyy");
    MATRIX.put("GET /api/v1/whoami", "11yyyyyyy");
    MATRIX.put("GET /api/v1/jobs", "11333333y");
    MATRIX.put("GET /api/v1/projects", "11yyyyyyy");
    MATRIX.put("POST /api/v1/projects", "11333333y");
    MATRIX.put("GET /api/v1/projects/{project}", "11yyyyy3y");
    MATRIX.put("PUT /api/v1/projects/{project}/environments", "113333y3y");
    MATRIX.put("POST /api/v1/projects/{project}/changes", "113yy3y3y");
    MATRIX.put("GET /api/v1/projects/{project}/changes", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/changes/{number}", "11yyyyy3y");
    MATRIX.put("POST /api/v1/projects/{project}/changes/{number}/reviews", "11333yy3y");
    MATRIX.put("POST /api/v1/projects/{project}/changes/{number}/merge", "1133y3y3y");
    MATRIX.put("POST /api/v1/projects/{project}/changes/{number}/close", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/suites", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/suites/{suite}", "11yyyyy3y");
    MATRIX.put("PUT /api/v1/projects/{project}/suites/{suite}", "113y33y3y");
    MATRIX.put("GET /api/v1/projects/{project}/policies", "11yyyyy3y");
    MATRIX.put("PUT /api/v1/projects/{project}/policies", "113333y3y");
    MATRIX.put("GET /api/v1/projects/{project}/policies/history", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/prompts", "11yyyyy3y");
    MATRIX.put("POST /api/v1/projects/{project}/prompts", "113y33y3y");
    MATRIX.put("GET /api/v1/projects/{project}/prompts/{name+}", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/prompts/{name+}/-/versions", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/prompts/{name+}/-/versions/{version}", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/diff", "11yyyyy3y");
    MATRIX.put("POST /api/v1/projects/{project}/prompts/{name+}/-/render", "11yyyyy3y");
    MATRIX.put("POST /api/v1/projects/{project}/prompts/{name+}/-/run", "11yyyyy3y");
    MATRIX.put("POST /api/v1/projects/{project}/prompts/{name+}/run", "11yyyyy3y");
    MATRIX.put("POST /v1/chat/completions", "11yyyyyyy");
    MATRIX.put("POST /api/v1/projects/{project}/evals", "113yy3y3y");
    MATRIX.put("GET /api/v1/projects/{project}/evals", "11yyyyy3y");
    MATRIX.put("POST /api/v1/projects/{project}/evals/uploads", "113yy3y3y");
    MATRIX.put("GET /api/v1/projects/{project}/evals/{id}", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/evals/{id}/results", "11yyyyy3y");
    MATRIX.put("POST /api/v1/projects/{project}/evals/{id}/results", "113yy3y3y");
    MATRIX.put("POST /api/v1/projects/{project}/evals/{id}/report", "113yy3y3y");
    MATRIX.put("POST /api/v1/projects/{project}/evals/{id}/cancel", "113yy3y3y");
    MATRIX.put("GET /api/v1/projects/{project}/prompts/{name+}/-/impact", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/prompts/{name+}/-/pins", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/prompts/{name+}/-/history", "11yyyyy3y");
    MATRIX.put("POST /api/v1/projects/{project}/prompts/{name+}/-/deploy", "1133y3y3y");
    MATRIX.put("POST /api/v1/projects/{project}/prompts/{name+}/-/promote", "1133y3y3y");
    MATRIX.put("POST /api/v1/projects/{project}/prompts/{name+}/-/rollback", "1133y3y3y");
    MATRIX.put("POST /api/v1/projects/{project}/prompts/{name+}/-/unpin", "1133y3y3y");
    MATRIX.put("GET /api/v1/projects/{project}/audit", "11yyyyy3y");
    MATRIX.put("GET /api/v1/audit", "11333333y");
    MATRIX.put("GET /api/v1/projects/{project}/audit/export", "11yyyyy3y");
    MATRIX.put("GET /api/v1/audit/export", "11333333y");
    MATRIX.put("GET /api/v1/audit/verify", "11333333y");
    MATRIX.put("GET /api/v1/audit/key", "11yyyyyyy");
    MATRIX.put("GET /api/v1/audit/checkpoints", "11333333y");
    MATRIX.put("POST /api/v1/audit/checkpoints", "11333333y");
    MATRIX.put("GET /api/v1/keys", "11333333y");
    MATRIX.put("POST /api/v1/keys", "11333333y");
    MATRIX.put("DELETE /api/v1/keys/{key}", "11333333y");
    MATRIX.put("GET /api/v1/projects/{project}/providers", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/providers/{provider}", "11yyyyy3y");
    MATRIX.put("PUT /api/v1/projects/{project}/providers/{provider}", "113333y3y");
    MATRIX.put("DELETE /api/v1/projects/{project}/providers/{provider}", "113333y3y");
    MATRIX.put("GET /api/v1/projects/{project}/webhooks", "113333y3y");
    MATRIX.put("POST /api/v1/projects/{project}/webhooks", "113333y3y");
    MATRIX.put("GET /api/v1/projects/{project}/webhooks/{webhook}", "113333y3y");
    MATRIX.put("PATCH /api/v1/projects/{project}/webhooks/{webhook}", "113333y3y");
    MATRIX.put("DELETE /api/v1/projects/{project}/webhooks/{webhook}", "113333y3y");
    MATRIX.put("POST /api/v1/projects/{project}/webhooks/{webhook}/rotate-secret", "113333y3y");
    MATRIX.put("POST /api/v1/projects/{project}/webhooks/{webhook}/ping", "113333y3y");
    MATRIX.put("GET /api/v1/projects/{project}/webhooks/{webhook}/deliveries", "113333y3y");
    MATRIX.put(
        "GET /api/v1/projects/{project}/webhooks/{webhook}/deliveries/{delivery}", "113333y3y");
    MATRIX.put(
        "POST /api/v1/projects/{project}/webhooks/{webhook}/deliveries/{delivery}/redeliver",
        "113333y3y");
    MATRIX.put("POST /api/v1/projects/{project}/drift/reports", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/drift", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/drift/incidents", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/drift/incidents/{number}", "11yyyyy3y");
    MATRIX.put("POST /api/v1/projects/{project}/drift/incidents/{number}/acknowledge", "1133y3y3y");
    MATRIX.put("GET /api/v1/projects/{project}/drift/confirmations", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/drift/confirmations/{deployment}", "11yyyyy3y");
    MATRIX.put("GET /api/v1/projects/{project}/drift/schedules", "11yyyyy3y");
    MATRIX.put("PUT /api/v1/projects/{project}/drift/schedules", "113333y3y");
  }

  @TempDir static Path dir;
  static TestServer server;
  static final Map<Caller, String> KEYS = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    server = TestServer.sqlite(dir);
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "other"));
    KEYS.put(Caller.NO_KEY, null);
    KEYS.put(Caller.BAD_KEY, "po_not-a-real-key-0000000000000000000000");
    KEYS.put(Caller.VIEWER, key("viewer", "shop", "viewer"));
    KEYS.put(Caller.EDITOR, key("editor", "shop", "editor"));
    KEYS.put(Caller.DEPLOYER, key("deployer", "shop", "deployer"));
    KEYS.put(Caller.APPROVER, key("approver", "shop", "approver"));
    KEYS.put(Caller.PROJECT_ADMIN, key("shop-admin", "shop", "admin"));
    KEYS.put(Caller.OTHER_PROJECT_ADMIN, key("other-admin", "other", "admin"));
    KEYS.put(Caller.SERVER_ADMIN, ADMIN_KEY);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String key(String name, String project, String role) {
    Resp r =
        server.post(
            "/api/v1/keys", ADMIN_KEY, Map.of("name", name, "roles", Map.of(project, role)));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("secret").asText();
  }

  @Test
  void everyRouteHasARowInTheMatrix() {
    List<String> routes = new ArrayList<>();
    for (Route r : server.server().routes()) {
      routes.add(r.method() + " " + r.path().text());
    }
    assertThat(MATRIX.keySet()).containsExactlyInAnyOrderElementsOf(routes);
  }

  @Test
  void everyRouteTimesEveryCaller() {
    var failures = new ArrayList<String>();
    for (var row : MATRIX.entrySet()) {
      String method = row.getKey().substring(0, row.getKey().indexOf(' '));
      String path = concrete(row.getKey().substring(row.getKey().indexOf(' ') + 1));
      for (Caller caller : Caller.values()) {
        char expected = row.getValue().charAt(caller.ordinal());
        Resp r = server.call(method, path, KEYS.get(caller), body(method), Map.of());
        boolean ok =
            switch (expected) {
              case '1' -> r.status() == 401;
              case '3' -> r.status() == 403;
              default -> r.status() != 401 && r.status() != 403;
            };
        if (!ok) {
          failures.add(row.getKey() + " as " + caller + ": expected " + expected + ", got " + r);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  /** Writes go to harmless targets so that the order of calls does not matter. */
  private static String concrete(String pattern) {
    return pattern
            .replace("{project}", "shop")
            .replace("{name+}", "support/reply")
            .replace("{version}", "1")
            .replace("{key}", "no-such-key")
            .replace("{provider}", "no-such-provider")
            .replace("{id}", "ev_no_such_run")
            .replace("{number}", "999")
            .replace("{deployment}", "999")
            .replace("{suite}", "no-such-suite")
            .replace("{webhook}", "wh_0000000000000000")
            .replace("{delivery}", "whd_000000000000000000000000")
        + (pattern.endsWith("/diff") ? "?from=support/reply@1&to=support/reply@1" : "");
  }

  private static String body(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH") ? "{}" : null;
  }
}
