package dev.promptops.server.api;

import static dev.promptops.server.http.Route.get;
import static dev.promptops.server.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditLog;
import dev.promptops.core.audit.AuditQuery;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Call;
import dev.promptops.server.http.ErrorMapper;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/** Reading, exporting and verifying the audit log, and its signed checkpoints. */
final class AuditRoutes {
  private static final System.Logger LOG = System.getLogger(AuditRoutes.class.getName());
  static final String NDJSON = "application/x-ndjson";
  private static final int DEFAULT_LIMIT = 100;

  private AuditRoutes() {}

  static List<Route> routes(Services s) {
    return List.of(
        get(
            ProjectRoutes.PROJECT + "/audit",
            Access.project(Permission.READ),
            "Audit entries of a project",
            call -> page(s, query(call, PromptRoutes.project(call), limit(call)))),
        get(
            ProjectRoutes.PROJECT + "/audit/export",
            Access.project(Permission.READ),
            "Export a project's audit entries as JSON Lines",
            call -> export(s, query(call, PromptRoutes.project(call), AuditQuery.MAX_LIMIT))),
        get(
            "/api/v1/audit",
            new Access.ServerAdmin(),
            "Audit entries of the whole server",
            call -> page(s, query(call, serverProject(call), limit(call)))),
        get(
            "/api/v1/audit/export",
            new Access.ServerAdmin(),
            "Export the server's audit entries as JSON Lines",
            call -> export(s, query(call, serverProject(call), AuditQuery.MAX_LIMIT))),
        get(
            "/api/v1/audit/verify",
            new Access.ServerAdmin(),
            "Check the hash chain and the signed checkpoints of the whole audit log",
            call ->
                Reply.ok(
                    Wire.verification(
                        s.audit().verify(s.store(), List.of(s.checkpoints().publicKey()))))),
        get(
            "/api/v1/audit/key",
            new Access.AnyKey(),
            "The public key that verifies audit checkpoints",
            call -> Reply.ok(Wire.auditKey(s.checkpoints().publicKey()))),
        get(
            "/api/v1/audit/checkpoints",
            new Access.ServerAdmin(),
            "Every signed checkpoint of the audit log",
            call -> checkpoints(s)),
        post(
            "/api/v1/audit/checkpoints",
            new Access.ServerAdmin(),
            "Sign a checkpoint of the audit log's head now",
            call -> checkpointNow(s)));
  }

  private static String serverProject(Call call) {
    return call.query("project").map(Names::project).orElse(null);
  }

  private static int limit(Call call) {
    int limit = call.queryInt("limit").orElse(DEFAULT_LIMIT);
    if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
      throw new InvalidInputException(
          "invalid_limit",
          "limit must be between 1 and " + AuditQuery.MAX_LIMIT + ", not " + limit,
          "page with ?after=<next> instead of asking for more, or use …/audit/export");
    }
    return limit;
  }

  private static AuditQuery query(Call call, String project, int limit) {
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

  /** Every matching entry, one JSON object a line, read and written a page at a time. */
  private static Reply export(Services s, AuditQuery query) {
    Iterator<AuditEntry> entries = AuditLog.entries(s.store(), query);
    return Reply.stream(NDJSON, out -> writeLines(entries, out));
  }

  /**
   * Writes the entries; a failure after the answer started ends it with an error line in the API's
   * error format, so that a reader does not take the cut-off export for a truncated log.
   */
  private static void writeLines(Iterator<AuditEntry> entries, OutputStream raw) {
    var out = new BufferedOutputStream(raw, 64 * 1024);
    try {
      try {
        while (entries.hasNext()) {
          line(out, Wire.audit(entries.next()));
        }
      } catch (PromptOpsException e) {
        LOG.log(System.Logger.Level.ERROR, "the audit export failed", e);
        line(out, ErrorMapper.reply(e).body());
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the client went away", e);
    }
  }

  private static void line(OutputStream out, JsonNode node) throws IOException {
    out.write((Json.write(node) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static Reply checkpoints(Services s) {
    var all = s.store().read(tx -> tx.audit().checkpoints());
    ObjectNode body = Json.object();
    body.put("keyId", s.checkpoints().publicKey().id());
    body.set("checkpoints", Wire.array(all, Wire::checkpoint));
    return Reply.ok(body);
  }

  private static Reply checkpointNow(Services s) {
    var made = s.checkpoints().checkpoint(s.store());
    ObjectNode body = Json.object().put("created", made.isPresent());
    var shown = made.or(() -> s.store().read(tx -> tx.audit().lastCheckpoint()));
    if (shown.isPresent()) {
      body.set("checkpoint", Wire.checkpoint(shown.get()));
    } else {
      body.putNull("checkpoint");
    }
    return made.isPresent() ? Reply.created(body) : Reply.ok(body);
  }
}
