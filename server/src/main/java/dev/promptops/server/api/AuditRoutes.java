package dev.promptops.server.api;

import static dev.promptops.server.http.Route.get;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditQuery;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Call;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.util.List;

/** Reading and verifying the audit log. */
final class AuditRoutes {
  private static final int DEFAULT_LIMIT = 100;

  private AuditRoutes() {}

  static List<Route> routes(Services s) {
    return List.of(
        get(
            ProjectRoutes.PROJECT + "/audit",
            Access.project(Permission.READ),
            "Audit entries of a project",
            call -> page(s, query(call, PromptRoutes.project(call)))),
        get(
            "/api/v1/audit",
            new Access.ServerAdmin(),
            "Audit entries of the whole server",
            call -> page(s, query(call, call.query("project").map(Names::project).orElse(null)))),
        get(
            "/api/v1/audit/verify",
            new Access.ServerAdmin(),
            "Check the hash chain of the whole audit log",
            call -> Reply.ok(Wire.verification(s.audit().verify(s.store())))));
  }

  private static AuditQuery query(Call call, String project) {
    int limit = call.queryInt("limit").orElse(DEFAULT_LIMIT);
    if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
      throw new InvalidInputException(
          "invalid_limit",
          "limit must be between 1 and " + AuditQuery.MAX_LIMIT + ", not " + limit,
          "page with ?after=<next> instead of asking for more");
    }
    return new AuditQuery(
        project,
        call.query("actor").orElse(null),
        call.query("action").orElse(null),
        call.query("prompt").orElse(null),
        call.queryInstant("since").orElse(null),
        call.queryInstant("until").orElse(null),
        call.queryLong("after").orElse(0L),
        limit);
  }

  private static Reply page(Services s, AuditQuery query) {
    List<AuditEntry> entries = s.store().read(tx -> tx.audit().query(query));
    ObjectNode body = Json.object();
    body.set("entries", Wire.array(entries, Wire::audit));
    if (entries.size() == query.limit()) {
      body.put("next", entries.getLast().seq());
    } else {
      body.putNull("next");
    }
    return Reply.ok(body);
  }
}
