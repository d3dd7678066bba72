package dev.promptops.server.api;

import static dev.promptops.server.http.Route.get;
import static dev.promptops.server.http.Route.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.change.ChangeRequest;
import dev.promptops.core.change.ChangeRequests;
import dev.promptops.core.change.ChangeState;
import dev.promptops.core.change.Review;
import dev.promptops.core.change.Verdict;
import dev.promptops.core.json.Json;
import dev.promptops.core.names.Names;
import dev.promptops.core.policy.PolicyCheck;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Call;
import dev.promptops.server.http.Fields;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.util.List;

/** Change requests: open, list, show, review, merge, close. */
final class ChangeRoutes {
  private static final String CHANGES = ProjectRoutes.PROJECT + "/changes";
  private static final String CHANGE = CHANGES + "/{number}";

  private ChangeRoutes() {}

  static List<Route> routes(Services s) {
    ChangeRequests c = s.changes();
    return List.of(
        post(
            CHANGES,
            Access.project(Permission.READ),
            "Open a change request (edit or deploy)",
            call -> {
              ChangeRequests.mayOpen(call.principal(), call.param("project"));
              ObjectNode b = call.json();
              var view =
                  c.open(
                      call.principal(),
                      call.param("project"),
                      Names.prompt(Fields.text(b, "prompt")),
                      Fields.integer(b, "version"),
                      Fields.text(b, "environment"),
                      Fields.optText(b, "description").orElse(""),
                      Fields.flag(b, "autoMerge", false));
              return Reply.created(view(view));
            }),
        get(
            CHANGES,
            Access.project(Permission.READ),
            "Change requests, newest first",
            call -> {
              List<ChangeRequest> list =
                  c.list(
                      call.principal(),
                      call.param("project"),
                      call.query("state").map(ChangeState::parse).orElse(null),
                      call.query("prompt").orElse(null),
                      call.query("environment").orElse(null),
                      call.queryInt("before").orElse(0),
                      call.queryInt("limit").orElse(50));
              ObjectNode body = Json.object();
              var items = body.putArray("changes");
              list.forEach(x -> items.add(change(x)));
              if (!list.isEmpty()) {
                body.put("next", list.getLast().number());
              }
              return Reply.ok(body);
            }),
        get(
            CHANGE,
            Access.project(Permission.READ),
            "A change request with its reviews and what its policy still lacks",
            call -> Reply.ok(view(c.get(call.principal(), call.param("project"), number(call))))),
        post(
            CHANGE + "/reviews",
            Access.project(Permission.APPROVE),
            "Approve a change request or ask for changes",
            call -> {
              ObjectNode b = call.json();
              return Reply.ok(
                  view(
                      c.review(
                          call.principal(),
                          call.param("project"),
                          number(call),
                          Verdict.parse(Fields.text(b, "verdict")),
                          Fields.optText(b, "comment").orElse(""))));
            }),
        post(
            CHANGE + "/merge",
            Access.project(Permission.DEPLOY),
            "Deploy a change request whose policy holds",
            call -> Reply.ok(view(c.merge(call.principal(), call.param("project"), number(call))))),
        post(
            CHANGE + "/close",
            Access.project(Permission.READ),
            "Withdraw a change request (its author or an admin)",
            call ->
                Reply.ok(
                    view(
                        c.close(
                            call.principal(),
                            call.param("project"),
                            number(call),
                            Fields.optText(call.json(), "reason").orElse(""))))));
  }

  private static int number(Call call) {
    String n = call.param("number");
    try {
      int v = Integer.parseInt(n.startsWith("#") ? n.substring(1) : n);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        "invalid_change_number",
        "not a change request number: '" + n + "'",
        "use the number promptops change list shows, e.g. 3");
  }

  static ObjectNode change(ChangeRequest x) {
    ObjectNode n = Json.mapper().valueToTree(ChangeRequests.summary(x));
    n.put("createdAt", x.createdAt().toString());
    n.put("updatedAt", x.updatedAt().toString());
    return n;
  }

  static ObjectNode view(ChangeRequests.View v) {
    ObjectNode n = change(v.change());
    var reviews = n.putArray("reviews");
    for (Review r : v.reviews()) {
      reviews
          .addObject()
          .put("reviewer", r.reviewer())
          .put("role", r.role().wireName())
          .put("verdict", r.verdict().wireName())
          .put("comment", r.comment())
          .put("at", r.at().toString());
    }
    var unmet = n.putArray("unmet");
    for (PolicyCheck.Unmet u : v.unmet()) {
      unmet.addObject().put("rule", u.rule()).put("message", u.message()).put("hint", u.hint());
    }
    var evals = n.putArray("evals");
    for (ChangeRequests.Evidence e : v.evals()) {
      var o =
          evals.addObject().put("suite", e.suite()).put("run", e.run()).put("status", e.status());
      if (e.gatePassed() != null) {
        o.put("gatePassed", e.gatePassed());
      }
    }
    n.put("mergeable", v.mergeable());
    if (!v.notes().isEmpty()) {
      var notes = n.putArray("notes");
      v.notes().forEach(notes::add);
    }
    return n;
  }
}
